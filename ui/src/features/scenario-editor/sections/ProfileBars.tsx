// An arrival profile (24 hourly or 7 daily weights) as small labelled bars, so the shape
// of demand over the day or week can be read at a glance; the weights themselves are
// edited in the advanced editor.
const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function ProfileBars({ weights, kind }: { weights: number[]; kind: 'hour' | 'weekday' }) {
  const labels = kind === 'hour' ? HOURS : DAYS;
  const total = weights.reduce((a, w) => a + (Number.isFinite(w) ? w : 0), 0) || 1;
  const shares = weights.map((w) => (Number.isFinite(w) ? w / total : 0));
  const max = Math.max(...shares, 1e-9);
  const bw = kind === 'hour' ? 10 : 26, gap = 2, h = 44;
  const width = shares.length * (bw + gap);
  const peak = shares.indexOf(max);
  const summary = `${kind === 'hour' ? 'By hour of day' : 'By weekday'}: busiest ${labels[peak]} (${Math.round(max * 100)}% of arrivals)`;
  return (
    <figure className="profile">
      <svg width={width} height={h + 14} role="img" aria-label={`${summary}. ${labels.map((l, i) => `${l} ${Math.round(shares[i] * 100)}%`).join(', ')}`}>
        {shares.map((s, i) => (
          <rect key={i} x={i * (bw + gap)} y={h - (s / max) * h} width={bw} height={(s / max) * h} className={i === peak ? 'profile__peak' : 'profile__bar'}>
            <title>{`${labels[i]}: ${(s * 100).toFixed(1)}%`}</title>
          </rect>
        ))}
        {kind === 'hour'
          ? [0, 6, 12, 18].map((hh) => <text key={hh} x={hh * (bw + gap)} y={h + 12} className="profile__tick">{HOURS[hh]}</text>)
          : DAYS.map((d, i) => <text key={d} x={i * (bw + gap)} y={h + 12} className="profile__tick">{d}</text>)}
      </svg>
      <figcaption className="field__hint">{summary}</figcaption>
    </figure>
  );
}
