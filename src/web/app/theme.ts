import type { ThemeConfig } from 'antd';

/** Grade colours (Ⅰ red, Ⅱ orange, Ⅲ gold, Ⅳ blue), shared by tags and map markers. */
export const GRADE_COLORS = {
  I: { tag: 'red', hex: '#cf1322' },
  II: { tag: 'orange', hex: '#fa8c16' },
  III: { tag: 'gold', hex: '#d4b106' },
  IV: { tag: 'blue', hex: '#1677ff' },
} as const;
export const NO_GRADE_HEX = '#8c8c8c';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerPadding: '0 16px', siderBg: '#001529' },
  },
};
