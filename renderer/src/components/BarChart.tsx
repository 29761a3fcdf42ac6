// A bar chart on echarts, with only the parts of echarts it uses so the bundle stays small.
import { BarChart as EBarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  EBarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface BarSeries {
  name: string;
  values: number[];
  color: string;
}

export function BarChart({
  categories,
  series,
  format,
  height = 260,
  label,
}: {
  categories: string[];
  series: BarSeries[];
  /** How a value reads in the tooltip and on the axis (money in yuan, say). */
  format: (value: number) => string;
  height?: number;
  label: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const instance = echarts.init(element.current!);
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 64, right: 16, top: 32, bottom: 28 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => format(Number(v)) },
        xAxis: { type: 'category', data: categories },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format(v) } },
        series: series.map((s) => ({
          name: s.name,
          type: 'bar',
          data: s.values,
          itemStyle: { color: s.color },
          barMaxWidth: 28,
        })),
      },
      true,
    );
  }, [categories, series, format]);

  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
