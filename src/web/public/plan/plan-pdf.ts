// The plan as a PDF to bring to the consultation (POST /plan/pdf): the same content as
// the printable page, laid out by pdfkit on the server. Nothing identifies the person:
// there is no name, and the birth date is not printed. Text uses the PDF standard
// fonts (no font files shipped), so it is written in their Windows-1252 character set;
// pdfText() replaces the few characters outside it.
import PDFDocument from 'pdfkit';
import type { PublicService } from '../../../db/repositories/clinics.ts';
import { QUESTION_TEXTS } from '../../../domain/clinical/questionnaire.ts';
import { SOURCES } from '../../../domain/clinical/sources.ts';
import type { AreaId, Decision } from '../../../domain/clinical/vocabulary.ts';
import type {
  AssessmentResponse,
  NotSuitablePlan,
  ScreeningReason,
  SourcedRange,
  SourcedText,
  TreatmentPlan,
} from '../../../domain/contracts/assessment.ts';
import { formatPrice } from '../format.ts';
import { CONCERN_WORDS, DECISION_WORDS, EVIDENCE_WORDS, areaName, formatIsoDate, formatRange } from './words.ts';

export interface PlanPdfInput {
  clinicName: string;
  /** The date the plan was assessed as of (YYYY-MM-DD). */
  today: string;
  result: Pick<AssessmentResponse, 'protocolVersion' | 'decision' | 'plan'>;
  /** The stored assessment's id, when the form carried one; its first 8 characters are printed. */
  reference: string | undefined;
  services: readonly PublicService[];
}

export const PDF_FILENAME = 'micro-needling-plan.pdf';
export const PDF_DISCLAIMER =
  'This is decision support, not a diagnosis: a practitioner checks every answer with you at the consultation.';

// Windows-1252 beyond ASCII and Latin-1: what the standard fonts can show.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '→': '->',
  '←': '<-',
  '≥': '>=',
  '≤': '<=',
  '≈': '~',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '⌘': 'Cmd',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
};

function printable(text: string): boolean {
  return [...text].every((char) => {
    const code = char.codePointAt(0) ?? 0;
    return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
  });
}

/** Text the standard fonts can draw: known symbols spelled out, accents dropped when needed, else "?". */
export function pdfText(text: string): string {
  let out = '';
  for (const char of text) {
    if (char === '\n' || printable(char)) out += char;
    else if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char];
    else {
      // CO₂ -> CO2, ą -> a
      const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base !== '' && printable(base) ? base : '?';
    }
  }
  return out;
}

const COLORS = {
  text: '#1f2328',
  muted: '#57606a',
  rule: '#d0d7de',
  headFill: '#f3f4f6',
  decision: {
    proceed: '#1a7f37',
    proceed_with_precautions: '#1a7f37',
    physician_review: '#9a6700',
    defer: '#9a6700',
    not_suitable: '#cf222e',
  } satisfies Record<Decision, string>,
};

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';

/** Source keys in order of first citation, for the list at the end. */
class Citations {
  readonly keys: string[] = [];
  cite(keys: readonly string[]): string {
    for (const key of keys) if (!this.keys.includes(key)) this.keys.push(key);
    return keys.length === 0 ? '' : ` [${keys.join(', ')}]`;
  }
}

function rangeText(range: SourcedRange): string {
  const typical = range.typical !== undefined && range.typical !== range.min ? ` (usually ${range.typical})` : '';
  return `${formatRange(range.min, range.max, range.unit)}${typical}`;
}

class PlanWriter {
  readonly citations = new Citations();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Starts a new page when less than `height` points are left on this one. */
  keepSpace(height: number): void {
    const bottom = this.doc.page.height - this.doc.page.margins.bottom;
    if (this.doc.y + height > bottom) this.doc.addPage();
  }

  heading(text: string): void {
    this.keepSpace(60);
    this.doc.moveDown(0.8);
    this.doc.font(BOLD).fontSize(13).fillColor(COLORS.text).text(pdfText(text), this.left, this.doc.y, {
      width: this.width,
    });
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(COLORS.rule)
      .stroke();
    this.doc.moveDown(0.5);
  }

  subheading(text: string): void {
    this.keepSpace(40);
    this.doc.moveDown(0.3);
    this.doc.font(BOLD).fontSize(10.5).fillColor(COLORS.text).text(pdfText(text), this.left, this.doc.y, {
      width: this.width,
    });
    this.doc.moveDown(0.2);
  }

  paragraph(text: string, options: { sources?: readonly string[]; muted?: boolean; italic?: boolean } = {}): void {
    const suffix = options.sources === undefined ? '' : this.citations.cite(options.sources);
    this.doc
      .font(options.italic === true ? ITALIC : FONT)
      .fontSize(10)
      .fillColor(options.muted === true ? COLORS.muted : COLORS.text)
      .text(pdfText(text), this.left, this.doc.y, { width: this.width, continued: suffix !== '' });
    if (suffix !== '') this.doc.font(FONT).fontSize(8).fillColor(COLORS.muted).text(pdfText(suffix));
    this.doc.moveDown(0.35);
  }

  /** A bullet with a hanging indent; `label` goes in bold before the text. */
  bullet(text: string, options: { sources?: readonly string[]; label?: string; indent?: number } = {}): void {
    const indent = options.indent ?? 0;
    const x = this.left + indent;
    this.keepSpace(24);
    const y = this.doc.y;
    this.doc.font(FONT).fontSize(10).fillColor(COLORS.text).text('•', x, y, { lineBreak: false });
    const suffix = options.sources === undefined ? '' : this.citations.cite(options.sources);
    const width = this.width - indent - 12;
    if (options.label !== undefined) {
      this.doc.font(BOLD).text(pdfText(options.label), x + 12, y, { width, continued: true });
      this.doc.font(FONT).text(` ${pdfText(text)}`, { continued: suffix !== '' });
    } else {
      this.doc.text(pdfText(text), x + 12, y, { width, continued: suffix !== '' });
    }
    if (suffix !== '') this.doc.fontSize(8).fillColor(COLORS.muted).text(pdfText(suffix));
    this.doc.x = this.left;
    this.doc.moveDown(0.25);
  }

  sourcedList(items: readonly SourcedText[]): void {
    for (const item of items) this.bullet(item.text, { sources: item.sources });
  }

  /** A table with a bold header row; cells wrap, rows break across pages. */
  table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, widths: readonly number[]): void {
    this.keepSpace(60);
    const total = widths.reduce((sum, width) => sum + width, 0);
    this.doc.font(FONT).fontSize(9).fillColor(COLORS.text);
    this.doc.table({
      position: { x: this.left, y: this.doc.y },
      columnStyles: widths.map((width) => (width / total) * this.width),
      defaultStyle: { border: 0.5, borderColor: COLORS.rule, padding: [3, 4, 3, 4] },
      data: [
        header.map((text) => ({ text: pdfText(text), font: { src: BOLD }, backgroundColor: COLORS.headFill })),
        ...rows.map((row) => row.map((text) => pdfText(text))),
      ],
    });
    this.doc.x = this.left;
    this.doc.moveDown(0.6);
  }

  header(input: PlanPdfInput): void {
    const { decision } = input.result;
    const overall = DECISION_WORDS[decision.overall];
    this.doc.font(FONT).fontSize(10).fillColor(COLORS.muted).text(pdfText(input.clinicName), { width: this.width });
    this.doc.font(BOLD).fontSize(20).fillColor(COLORS.text).text('My micro-needling plan', { width: this.width });
    this.doc.moveDown(0.4);
    this.doc
      .font(BOLD)
      .fontSize(15)
      .fillColor(COLORS.decision[decision.overall])
      .text(pdfText(overall.label), { width: this.width });
    this.doc.font(FONT).fontSize(10.5).fillColor(COLORS.text).text(pdfText(overall.explain), { width: this.width });
    if (decision.earliestDate !== undefined) {
      this.doc.moveDown(0.3);
      this.doc.font(BOLD).text(`Earliest date for a first session: ${formatIsoDate(decision.earliestDate)}`);
    }
    this.doc.moveDown(0.4);
    const reference = input.reference === undefined ? '' : ` · reference ${input.reference.slice(0, 8)}`;
    this.doc
      .font(FONT)
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text(
        pdfText(`Assessed on ${formatIsoDate(input.today)}${reference} · protocol ${input.result.protocolVersion}`),
      );
    this.doc.moveDown(0.4);
    // The disclaimer in a box, so it cannot be missed.
    const y = this.doc.y;
    const height =
      this.doc
        .font(BOLD)
        .fontSize(10)
        .heightOfString(PDF_DISCLAIMER, { width: this.width - 16 }) + 12;
    this.doc.rect(this.left, y, this.width, height).lineWidth(0.8).strokeColor(COLORS.muted).stroke();
    this.doc.fillColor(COLORS.text).text(pdfText(PDF_DISCLAIMER), this.left + 8, y + 6, { width: this.width - 16 });
    this.doc.x = this.left;
    this.doc.y = y + height;
  }

  reasons(reasons: readonly ScreeningReason[]): void {
    for (const reason of reasons) {
      const date = reason.earliestDate === undefined ? '' : ` Not before ${formatIsoDate(reason.earliestDate)}.`;
      this.bullet(`${reason.message}${date}`, {
        label: `${DECISION_WORDS[reason.decision].short}:`,
        sources: reason.sources,
        indent: 10,
      });
    }
  }

  areaAnswers(result: PlanPdfInput['result']): void {
    const { decision } = result;
    const general = decision.reasons.filter(
      (reason) => reason.area === undefined && reason.missingAnswer === undefined,
    );
    this.heading('Your answer, area by area');
    for (const area of Object.keys(decision.byArea) as AreaId[]) {
      const areaDecision = decision.byArea[area] ?? 'physician_review';
      const own = decision.reasons.filter((reason) => reason.area === area && reason.missingAnswer === undefined);
      this.keepSpace(40);
      this.doc
        .font(BOLD)
        .fontSize(10.5)
        .fillColor(COLORS.text)
        .text(`${pdfText(areaName(area))}: `, this.left, this.doc.y, { width: this.width, continued: true })
        .fillColor(COLORS.decision[areaDecision])
        .text(pdfText(DECISION_WORDS[areaDecision].short));
      this.doc.moveDown(0.2);
      if (own.length > 0) this.reasons(own);
      else {
        this.paragraph(
          general.length > 0 ? 'See the reasons that apply to every area below.' : 'Nothing stands in the way here.',
          { muted: true },
        );
      }
    }
    if (general.length > 0) {
      this.subheading('For every area you chose');
      this.reasons(general);
    }
  }

  openQuestions(result: PlanPdfInput['result']): void {
    const missing = result.decision.missingAnswers;
    if (missing.length === 0) return;
    this.heading('Questions still open');
    this.paragraph(
      'You left these open, so the answer above is more careful than it may need to be. Your practitioner will ask ' +
        'about them at the consultation.',
    );
    for (const id of missing) {
      const reason = result.decision.reasons.find((candidate) => candidate.missingAnswer === id);
      this.bullet(QUESTION_TEXTS[id].text, reason === undefined ? {} : { sources: reason.sources });
    }
  }

  treatmentPlan(plan: TreatmentPlan, services: readonly PublicService[]): void {
    if (plan.meanwhile.length > 0) {
      this.heading('What to do meanwhile');
      this.sourcedList(plan.meanwhile);
    }

    this.heading('Your personal plan');
    if (plan.status !== 'ready') {
      this.paragraph(
        plan.status === 'deferred'
          ? `This plan applies once you can start${plan.earliestStart === undefined ? '' : `, from ${formatIsoDate(plan.earliestStart)}`}.`
          : 'This plan is provisional until a doctor agrees at your consultation.',
        { italic: true },
      );
    }
    const cite = (range: SourcedRange | undefined) =>
      range === undefined ? '-' : `${rangeText(range)}${this.citations.cite(range.sources)}`;
    this.table(
      ['Concern', 'Areas', 'Sessions', 'Weeks apart', 'Evidence'],
      plan.courses.map((course) => [
        CONCERN_WORDS[course.concern].name,
        course.areas.length === 0 ? 'none of the chosen areas' : course.areas.map(areaName).join(', '),
        course.recommended ? cite(course.sessions) : 'No course planned: the evidence is too weak',
        course.recommended ? cite(course.intervalWeeks) : '-',
        EVIDENCE_WORDS[course.evidence.level],
      ]),
      [3, 3, 3, 3, 2.4],
    );
    for (const course of plan.courses) {
      this.subheading(CONCERN_WORDS[course.concern].name);
      this.paragraph(course.evidence.summary, { sources: course.evidence.sources });
      if (course.results !== undefined) {
        const after = course.results.after === 'first_session' ? 'first' : 'last';
        this.paragraph(`Results are judged ${rangeText(course.results.range)} after the ${after} session.`, {
          sources: course.results.range.sources,
        });
      }
      if (course.maintenance !== undefined) {
        this.paragraph(course.maintenance.text, { sources: course.maintenance.sources });
      }
      this.sourcedList(course.notes);
    }
    this.subheading('Downtime');
    this.paragraph(
      `${rangeText(plan.downtimeDays)}.${plan.downtimeDays.note === undefined ? '' : ` ${plan.downtimeDays.note}`}`,
      { sources: plan.downtimeDays.sources },
    );

    this.heading('Needle depth by zone');
    this.paragraph(plan.device.titration.text, { sources: plan.device.titration.sources });
    this.table(
      ['Area', 'Depth', 'Notes'],
      [
        ...plan.zones.map((zone) => [
          areaName(zone.area),
          zone.depthMm === null
            ? 'No published depth: set from the device instructions'
            : `${rangeText(zone.depthMm)}${this.citations.cite(zone.depthMm.sources)}`,
          [
            ...(zone.depthMm?.note === undefined ? [] : [zone.depthMm.note]),
            ...zone.constraints.map((constraint) => `${constraint.text}${this.citations.cite(constraint.sources)}`),
          ].join(' '),
        ]),
        ...plan.excludedAreas.map((excluded) => [
          areaName(excluded.area),
          'Not treated',
          DECISION_WORDS[excluded.decision].explain,
        ]),
      ],
      [2, 2.6, 5.4],
    );
    this.paragraph(plan.device.outOfScope.text, { sources: plan.device.outOfScope.sources, muted: true });

    if (plan.precautions.length > 0) {
      this.heading('Precautions in your plan');
      this.sourcedList(plan.precautions);
    }

    this.heading('Before each session');
    for (const item of plan.preCare) {
      const when =
        item.daysBefore === undefined
          ? undefined
          : `${item.daysBefore} ${item.daysBefore === 1 ? 'day' : 'days'} before:`;
      this.bullet(item.text, { sources: item.sources, ...(when === undefined ? {} : { label: when }) });
    }

    this.heading('Aftercare, day by day');
    for (const step of plan.aftercare) {
      const day = step.fromDay === step.toDay ? `Day ${step.fromDay}` : `Days ${step.fromDay}–${step.toDay}`;
      this.subheading(`${day}: ${step.title}`);
      if (step.expect.length > 0) this.bullet(step.expect.join(' '), { label: 'What to expect:', indent: 10 });
      if (step.do.length > 0) this.bullet(step.do.join(' '), { label: 'Do:', indent: 10 });
      if (step.avoid.length > 0) this.bullet(step.avoid.join(' '), { label: 'Avoid:', indent: 10 });
      if (step.sources.length > 0) this.paragraph(`Sources:${this.citations.cite(step.sources)}`, { muted: true });
    }

    this.heading('Call the clinic if you notice');
    this.sourcedList(plan.redFlags);

    this.heading('What it may cost');
    const currency = services[0]?.currency ?? 'USD';
    if (plan.price.lines.length > 0) {
      this.doc
        .font(BOLD)
        .fontSize(12)
        .fillColor(COLORS.text)
        .text(
          pdfText(`${formatPrice(plan.price.minCents, currency)} to ${formatPrice(plan.price.maxCents, currency)}`),
          this.left,
          this.doc.y,
        );
      this.doc.moveDown(0.3);
      this.table(
        ['Service', 'Sessions', 'Price each', 'Total'],
        plan.price.lines.map((line) => [
          `${services.find((service) => service.code === line.serviceCode)?.name ?? line.serviceCode}${line.units > 1 ? ` × ${line.units} areas` : ''}`,
          formatRange(line.sessions.min, line.sessions.max, ''),
          formatPrice(line.unitPriceCents, currency),
          line.minCents === line.maxCents
            ? formatPrice(line.minCents, currency)
            : `${formatPrice(line.minCents, currency)}–${formatPrice(line.maxCents, currency)}`,
        ]),
        [4, 2, 2, 2.4],
      );
    }
    const missing =
      plan.price.missingServiceCodes.length > 0
        ? ` The clinic's price list has no price yet for: ${plan.price.missingServiceCodes.join(', ')}.`
        : '';
    this.paragraph(`${plan.price.note}${missing}`, { muted: true });
  }

  notSuitable(plan: NotSuitablePlan): void {
    this.heading('Why there is no treatment plan');
    this.sourcedList(plan.explanation);
    if (plan.alternatives.length > 0) {
      this.subheading('Options to talk about with a doctor');
      this.sourcedList(plan.alternatives);
    }
  }

  references(): void {
    const sources = SOURCES as Record<string, { tier: string; title: string; url: string } | undefined>;
    this.heading('Sources');
    this.paragraph(
      'Each key in square brackets above points here. Tiers: L labelling or regulation, SR systematic review, ' +
        'C consensus, P clinical study, R review, CL clinic or vendor page (practice convention only).',
      { muted: true },
    );
    for (const key of this.citations.keys) {
      const source = sources[key];
      this.keepSpace(30);
      this.doc
        .font(BOLD)
        .fontSize(8.5)
        .fillColor(COLORS.text)
        .text(`${pdfText(key)}  `, this.left, this.doc.y, { width: this.width, continued: true })
        .font(FONT)
        .text(
          pdfText(source === undefined ? 'Reference in the clinical fact base.' : `${source.title} (${source.tier}). `),
          { continued: source !== undefined },
        );
      if (source !== undefined) this.doc.fillColor(COLORS.muted).text(pdfText(source.url), { link: source.url });
      this.doc.moveDown(0.2);
    }
  }

  /** "Page 2 of 5" and the disclaimer at the foot of every page. */
  footers(clinicName: string): void {
    const range = this.doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      this.doc.switchToPage(index);
      const { margins } = this.doc.page;
      const bottom = margins.bottom;
      // Writing inside the bottom margin would otherwise start a new page.
      margins.bottom = 0;
      this.doc
        .font(FONT)
        .fontSize(8)
        .fillColor(COLORS.muted)
        .text(
          pdfText(
            `${clinicName} · My micro-needling plan · Decision support, not a diagnosis · Page ${index + 1} of ${range.count}`,
          ),
          margins.left,
          this.doc.page.height - bottom + 20,
          { width: this.width, align: 'center', lineBreak: false },
        );
      margins.bottom = bottom;
    }
  }
}

/** Lays out the plan; resolves with the whole PDF file. */
export function renderPlanPdf(input: PlanPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 54, bottom: 60, left: 56, right: 56 },
    bufferPages: true,
    lang: 'en-US',
    displayTitle: true,
    info: {
      Title: 'My micro-needling plan',
      Author: pdfText(input.clinicName),
      Subject: 'Micro-needling answer and draft plan: decision support, not a diagnosis',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const writer = new PlanWriter(doc);
  const { result } = input;
  writer.header(input);
  writer.areaAnswers(result);
  writer.openQuestions(result);
  if (result.plan.kind === 'treatment') writer.treatmentPlan(result.plan, input.services);
  else writer.notSuitable(result.plan);
  writer.heading('What micro-needling can and cannot promise');
  writer.sourcedList(result.plan.expectations);
  writer.references();
  writer.footers(input.clinicName);
  doc.end();
  return done;
}
