import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#fdf4f2", 100: "#fbe6e1", 600: "#b4321f", 700: "#962918", 800: "#7a2214" },
      },
      fontFamily: {
        sans: ["system-ui", "-apple-system", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "sans-serif"],
      },
    },
  },
  plugins: [],
} satisfies Config;
