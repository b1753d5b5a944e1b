// Entry point: Chinese Ant Design theme around the router.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { PanelRouter } from './router';
import { theme } from './theme';
import './styles.css';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp message={{ maxCount: 3, duration: 2 }} notification={{ maxCount: 3 }}>
        <PanelRouter />
      </AntApp>
    </ConfigProvider>
  </React.StrictMode>,
);
