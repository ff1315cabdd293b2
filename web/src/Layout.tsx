// The frame of every page: a skip link, the site title, navigation by role, the large-font
// switch, who is signed in; a 示例数据 notice is shown by pages that show demo data.

import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Button, Menu, Space, Switch, Tag } from 'antd';
import { ROLES } from './labels.ts';
import { useSession } from './session.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { user, signOut, largeFont, setLargeFont } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const items = [
    { key: '/', label: <Link to="/">报告库</Link> },
    { key: '/dashboard', label: <Link to="/dashboard">统计</Link> },
    ...(user ? [{ key: '/import', label: <Link to="/import">导入</Link> }] : []),
    // The case ledger: agency staff with a case role (登记员、承办人、审核人、负责人).
    ...(user?.role === 'agency' && user.case_roles.length ? [{ key: '/cases', label: <Link to="/cases">依申请公开</Link> }] : []),
    // The year-end assembly of last year's annual report (the same staff).
    ...(user?.role === 'agency' && user.case_roles.length ? [{ key: '/annual-report', label: <Link to={`/ledger/${new Date().getFullYear() - 1}/report`}>年报编制</Link> }] : []),
    ...(user ? [] : [{ key: '/apply', label: <Link to="/apply">申请公开</Link> }, { key: '/follow', label: <Link to="/follow">查询办理进度</Link> }]),
    ...(user?.role === 'admin' ? [{ key: '/admin', label: <Link to="/admin">管理</Link> }] : []),
  ];
  const annual = /^\/ledger\/\d+\/report/.test(location.pathname);
  const selected = items
    .map((i) => i.key)
    .filter((k) =>
      k === '/'
        ? location.pathname === '/' || location.pathname.startsWith('/reports')
        : k === '/annual-report'
          ? annual
          : k === '/cases'
            ? !annual && (location.pathname.startsWith('/cases') || location.pathname.startsWith('/ledger'))
            : location.pathname.startsWith(k),
    );
  return (
    <>
      <a className="skip-link" href="#main">跳到正文</a>
      <header className="site-header">
        <Link to="/" className="site-title">
          政府信息公开年报平台
        </Link>
        <nav aria-label="主导航" className="site-nav">
          <Menu mode="horizontal" selectedKeys={selected} items={items} disabledOverflow />
        </nav>
        <Space className="site-user" wrap>
          <label className="font-switch">
            <Switch size="small" checked={largeFont} onChange={setLargeFont} aria-label="大字模式" /> 大字
          </label>
          {user ? (
            <>
              <span>
                {user.display_name} <Tag>{ROLES[user.role]}</Tag>
              </span>
              <Button size="small" onClick={() => void signOut().then(() => navigate('/'))}>
                退出
              </Button>
            </>
          ) : (
            <Link to="/login">登录</Link>
          )}
        </Space>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">Gongkai · 政府信息公开工作年度报告的解析、核查与公开 · 公众可查阅已公开的报告</footer>
    </>
  );
}
