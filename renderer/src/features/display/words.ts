// The customer display card's words, loaded with the settings page (the first bundle carries only
// the status bar's): the renderer's first bundle has a size budget (bench/host-start.bench.ts).
import i18n from 'i18next';

const zhWords = {
  title: '客显（顾客显示屏）',
  hint: '售电时向顾客显示金额、电量、余额和找零，空闲时显示欢迎语。未接客显时，状态栏“客显”可查看顾客会看到的内容。',
  kind: '连接方式',
  kinds: { none: '不接客显', serial: '串口', hid: 'USB-HID' },
  protocol: '型号',
  protocols: {
    cd5220: '两行字符 VFD（CD5220 指令）',
    epson: '两行字符 VFD（爱普生 ESC/POS 指令）',
    led8: '8 位数码管（通用客显指令）',
  },
  charset: '字符',
  charsets: { gb2312: '中文（GB2312）', ascii: '仅英文（ASCII）' },
  port: '端口',
  baudRate: '波特率',
  hidPath: 'USB 设备',
  hidNone: '未找到 USB-HID 设备',
  greeting: '欢迎语',
  greetingHint: '一行 20 格，汉字占 2 格；留空显示“欢迎光临”',
  test: '测 试',
  testDone: '已发送测试画面：客显应全部点亮',
  now: '现在显示',
};

const enWords: typeof zhWords = {
  title: 'Customer display',
  hint: 'Shows the tenant the amount, energy, balance and change during a sale, and a greeting at rest. With no display wired, “Customer display” in the status bar shows what the tenant would see.',
  kind: 'Connection',
  kinds: { none: 'No display', serial: 'Serial port', hid: 'USB-HID' },
  protocol: 'Model',
  protocols: {
    cd5220: 'Two-line VFD (CD5220 commands)',
    epson: 'Two-line VFD (Epson ESC/POS commands)',
    led8: '8-digit LED (common 客显 commands)',
  },
  charset: 'Characters',
  charsets: { gb2312: 'Chinese (GB2312)', ascii: 'English only (ASCII)' },
  port: 'Serial port',
  baudRate: 'Baud rate',
  hidPath: 'USB device',
  hidNone: 'No USB-HID device found',
  greeting: 'Greeting',
  greetingHint: '20 cells a line, a Chinese character takes two; empty shows the default greeting',
  test: 'Test',
  testDone: 'Test pattern sent: every segment of the display should light',
  now: 'Showing now',
};

export function addDisplayWords(): void {
  i18n.addResourceBundle('zh-CN', 'translation', { display: zhWords }, true, false);
  i18n.addResourceBundle('en', 'translation', { display: enWords }, true, false);
}
