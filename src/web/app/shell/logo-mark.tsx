// The Puncta mark: a grid of points, like the needle pattern the name refers to.
// Used by the browser app and by the server-rendered public pages alike.
const points = [
  [20, 20, 4.5, 1],
  [32, 20, 3, 1],
  [44, 20, 4.5, 0.7],
  [20, 32, 3, 1],
  [32, 32, 6, 1],
  [44, 32, 3, 1],
  [20, 44, 4.5, 0.7],
  [32, 44, 3, 1],
  [44, 44, 4.5, 1],
] as const;

export function LogoMark({ size = 32, className }: { size?: number; className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 64 64"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      style={{ flex: 'none' }}
    >
      <rect width="64" height="64" rx="16" fill="#0d6b66" />
      {points.map(([cx, cy, r, opacity]) => (
        <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r={r} fill="#ffffff" opacity={opacity} />
      ))}
    </svg>
  );
}
