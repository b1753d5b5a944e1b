"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Pages and the tab bar (首页 / 报事 / 留言板 / 我的).
exports.default = defineAppConfig({
    pages: [
        'pages/home/index',
        'pages/report/index',
        'pages/board/index',
        'pages/me/index',
        'pages/login/index',
        'pages/tickets/index',
        'pages/ticket/index',
        'pages/notice/index',
        'pages/post/index',
        'pages/post-new/index',
        'pages/help/index',
        'pages/ledger/index',
        'pages/wishlist/index',
        'pages/wish-round/index',
    ],
    window: {
        backgroundTextStyle: 'dark',
        navigationBarBackgroundColor: '#c8102e',
        navigationBarTitleText: '邻里',
        navigationBarTextStyle: 'white',
        backgroundColor: '#f5f5f5',
        // H5 then draws the same title bar (with a back button) as the mini-program.
        navigationStyle: 'default',
    },
    tabBar: {
        color: '#555555',
        selectedColor: '#c8102e',
        backgroundColor: '#ffffff',
        borderStyle: 'black',
        list: [
            { pagePath: 'pages/home/index', text: '首页' },
            { pagePath: 'pages/report/index', text: '报事' },
            { pagePath: 'pages/board/index', text: '留言板' },
            { pagePath: 'pages/me/index', text: '我的' },
        ],
    },
});
