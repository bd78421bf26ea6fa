// The face and body map: one drawing, used to pick areas (the checkboxes beside it
// are the real controls, so it works without JavaScript; CSS shades a zone when its
// box is ticked) and to show the planned needle depth per zone.
import type { ReactNode } from 'react';
import type { AreaId } from '../../../domain/clinical/vocabulary.ts';
import { areaName } from './words.ts';

type Shape = { d: string } | { cx: number; cy: number; rx: number; ry: number };

interface ZoneDrawing {
  area: AreaId;
  figure: 'face' | 'body';
  shapes: Shape[];
  /** Where the zone's number sits on the depth map. */
  marker: [number, number];
}

/** Mirror a path drawn on the left across the figure's vertical axis. */
function mirror(d: string, axis: number): string {
  let isX = true;
  return d.replace(/-?\d+(\.\d+)?|[A-Za-z]/g, (token) => {
    if (/[A-Za-z]/.test(token)) {
      isX = true;
      return token;
    }
    const value = Number(token);
    const out = isX ? 2 * axis - value : value;
    isX = !isX;
    return String(out);
  });
}

const LEFT_CHEEK = 'M44 152 Q60 160 92 158 L94 196 Q66 204 50 186 Q44 170 44 152 Z';
const LEFT_ARM = 'M50 60 L36 66 L24 150 L35 153 L46 94 Z';

export const ZONE_DRAWINGS: readonly ZoneDrawing[] = [
  {
    area: 'scalp',
    figure: 'face',
    shapes: [{ d: 'M40 118 C36 14 184 14 180 118 C168 80 140 70 110 70 C80 70 52 80 40 118 Z' }],
    marker: [110, 46],
  },
  {
    area: 'forehead',
    figure: 'face',
    shapes: [{ d: 'M46 122 C54 92 80 76 110 76 C140 76 166 92 174 122 C150 115 70 115 46 122 Z' }],
    marker: [110, 100],
  },
  {
    area: 'periorbital',
    figure: 'face',
    shapes: [
      { cx: 80, cy: 140, rx: 22, ry: 12 },
      { cx: 140, cy: 140, rx: 22, ry: 12 },
    ],
    marker: [58, 127],
  },
  { area: 'nose', figure: 'face', shapes: [{ d: 'M104 128 L116 128 L124 178 Q110 188 96 178 Z' }], marker: [110, 162] },
  {
    area: 'cheeks',
    figure: 'face',
    shapes: [{ d: LEFT_CHEEK }, { d: mirror(LEFT_CHEEK, 110) }],
    marker: [68, 178],
  },
  { area: 'perioral', figure: 'face', shapes: [{ cx: 110, cy: 207, rx: 27, ry: 13 }], marker: [142, 207] },
  {
    area: 'chin_jawline',
    figure: 'face',
    shapes: [{ d: 'M46 192 Q52 234 110 240 Q168 234 174 192 L164 196 Q156 226 110 228 Q64 226 56 196 Z' }],
    marker: [110, 234],
  },
  {
    area: 'neck',
    figure: 'face',
    shapes: [{ d: 'M82 226 Q86 252 76 276 L144 276 Q134 252 138 226 Q110 244 82 226 Z' }],
    marker: [110, 260],
  },
  { area: 'decollete', figure: 'body', shapes: [{ d: 'M57 60 L103 60 L100 88 Q80 97 60 88 Z' }], marker: [80, 75] },
  { area: 'arms', figure: 'body', shapes: [{ d: LEFT_ARM }, { d: mirror(LEFT_ARM, 80) }], marker: [33, 112] },
  { area: 'abdomen', figure: 'body', shapes: [{ d: 'M60 112 L100 112 L104 160 L56 160 Z' }], marker: [80, 136] },
  {
    area: 'thighs',
    figure: 'body',
    shapes: [{ d: 'M56 180 L79 180 L77 248 L60 248 Z' }, { d: 'M81 180 L104 180 L100 248 L83 248 Z' }],
    marker: [69, 214],
  },
  { area: 'back', figure: 'body', shapes: [{ d: 'M193 62 L247 62 L251 150 L189 150 Z' }], marker: [220, 104] },
];

function ShapeElement({ shape, className }: { shape: Shape; className: string }) {
  return 'd' in shape ? (
    <path className={className} d={shape.d} />
  ) : (
    <ellipse className={className} cx={shape.cx} cy={shape.cy} rx={shape.rx} ry={shape.ry} />
  );
}

/** The parts of the drawing that are not zones: head, eyes, mouth, limbs. */
function FaceOutline() {
  return (
    <g className="map-figure">
      <ellipse cx="38" cy="150" rx="9" ry="18" />
      <ellipse cx="182" cy="150" rx="9" ry="18" />
      <ellipse cx="110" cy="140" rx="72" ry="98" />
    </g>
  );
}

function FaceDetails() {
  return (
    <g className="map-detail">
      <path d="M70 140 Q80 133 90 140 Q80 146 70 140 Z" />
      <path d="M130 140 Q140 133 150 140 Q140 146 130 140 Z" />
      <path className="map-line" d="M64 124 Q80 117 96 123" />
      <path className="map-line" d="M124 123 Q140 117 156 124" />
      <path className="map-line" d="M97 207 Q110 213 123 207" />
    </g>
  );
}

function BodyOutline() {
  const person = (x: number) => (
    <g transform={`translate(${x} 0)`}>
      <circle cx="80" cy="28" r="17" />
      <path d="M73 44 L87 44 L88 58 L72 58 Z" />
      <path d="M52 58 L108 58 L112 150 L104 178 L56 178 L48 150 Z" />
      <path d={LEFT_ARM} />
      <path d={mirror(LEFT_ARM, 80)} />
      <path d="M56 178 L79 178 L76 292 L62 292 Z" />
      <path d="M81 178 L104 178 L98 292 L84 292 Z" />
    </g>
  );
  return (
    <g className="map-figure">
      {person(0)}
      {person(140)}
    </g>
  );
}

const VIEW_BOX = { face: '0 0 220 282', body: '0 0 300 300' } as const;

function Figure({
  figure,
  title,
  children,
  caption,
}: {
  figure: 'face' | 'body';
  title: string;
  children: ReactNode;
  caption: ReactNode;
}) {
  return (
    <figure className={`map map-${figure}`}>
      <svg viewBox={VIEW_BOX[figure]} role="img" aria-label={title} focusable="false">
        {figure === 'face' ? <FaceOutline /> : <BodyOutline />}
        {children}
        {figure === 'face' ? (
          <FaceDetails />
        ) : (
          <g className="map-caption-text" aria-hidden="true">
            <text x="80" y="298" textAnchor="middle">
              front
            </text>
            <text x="220" y="298" textAnchor="middle">
              back
            </text>
          </g>
        )}
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/** The picking map: every zone drawn, shaded by CSS when its checkbox is ticked. */
export function PickerMap() {
  const zonesOf = (figure: 'face' | 'body') =>
    ZONE_DRAWINGS.filter((zone) => zone.figure === figure).map((zone) => (
      <g key={zone.area} className={`zone zone-${zone.area}`} data-area={zone.area}>
        <title>{areaName(zone.area)}</title>
        {zone.shapes.map((shape, index) => (
          <ShapeElement key={index} shape={shape} className="zone-shape" />
        ))}
      </g>
    ));
  return (
    <div className="maps" aria-hidden="true">
      <Figure figure="face" title="Face and neck" caption="Face, scalp and neck">
        {zonesOf('face')}
      </Figure>
      <Figure figure="body" title="Body, front and back" caption="Body, front and back">
        {zonesOf('body')}
      </Figure>
    </div>
  );
}

export type DepthBand = 'shallow' | 'medium' | 'deep' | 'unset' | 'excluded';

export interface MappedZone {
  area: AreaId;
  number: number;
  band: DepthBand;
}

/** The depth map: planned zones shaded by depth band and numbered to match the list beside it. */
export function DepthMap({ zones, label }: { zones: readonly MappedZone[]; label: string }) {
  const byArea = new Map(zones.map((zone) => [zone.area, zone]));
  const figures = (['face', 'body'] as const).filter((figure) =>
    ZONE_DRAWINGS.some((zone) => zone.figure === figure && byArea.has(zone.area)),
  );
  const drawn = (figure: 'face' | 'body') =>
    ZONE_DRAWINGS.filter((zone) => zone.figure === figure).map((zone) => {
      const mapped = byArea.get(zone.area);
      return (
        <g key={zone.area} className={`zone zone-depth-${mapped?.band ?? 'none'}`}>
          {zone.shapes.map((shape, index) => (
            <ShapeElement key={index} shape={shape} className="zone-shape" />
          ))}
        </g>
      );
    });
  const markers = (figure: 'face' | 'body') =>
    ZONE_DRAWINGS.filter((zone) => zone.figure === figure && byArea.has(zone.area)).map((zone) => (
      <g key={zone.area} className="map-marker" transform={`translate(${zone.marker[0]} ${zone.marker[1]})`}>
        <circle r="11" />
        <text y="4.5" textAnchor="middle">
          {byArea.get(zone.area)?.number}
        </text>
      </g>
    ));
  return (
    <div className={`maps maps-${figures.length}`}>
      {figures.map((figure) => (
        <Figure
          key={figure}
          figure={figure}
          title={`${label}: ${figure === 'face' ? 'face and neck' : 'body'}`}
          caption={figure === 'face' ? 'Face, scalp and neck' : 'Body, front and back'}
        >
          {drawn(figure)}
          {markers(figure)}
        </Figure>
      ))}
    </div>
  );
}
