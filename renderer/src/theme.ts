// A calm office palette: one steady blue, soft greys, nothing that shouts.
import type { ThemeConfig } from 'antd';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5f8b',
    colorInfo: '#1f5f8b',
    colorSuccess: '#3a8f5c',
    colorWarning: '#c98a1b',
    colorError: '#c0392b',
    borderRadius: 6,
    fontSize: 14,
    colorBgLayout: '#f4f6f8',
    fontFamily:
      "-apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
  },
  components: {
    Layout: { siderBg: '#ffffff', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Menu: {
      itemHeight: 44,
      itemBorderRadius: 6,
      itemSelectedBg: '#e3eef6',
      itemSelectedColor: '#1f5f8b',
    },
  },
};
