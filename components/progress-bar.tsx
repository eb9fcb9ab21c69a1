// An accessible progress bar: role="progressbar" with aria-valuenow 0–100, drawn with a plain div.

export interface ProgressBarProps {
  percent: number;
  label: string;
  testId: string;
  hidden?: boolean;
}

export function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, Math.round(percent)));
}

export function ProgressBar({ percent, label, testId, hidden }: ProgressBarProps) {
  const value = clampPercent(percent);
  return (
    <div
      class="progress"
      role="progressbar"
      data-testid={testId}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      hidden={hidden}
    >
      <div class="progress-fill" style={{ inlineSize: `${value}%` }} />
    </div>
  );
}
