// The fake core's measurable goals (spread into fakeCore.ts): a partnership's indicators
// and their values. It keeps what it is given and gives it back, with the goal's text
// looked up by its position and the values kept by date (one per date), as the page shows
// them. Validation is the core's (tests/core/indicators.rs): a test that needs a refusal
// gives it with `failNext`.
import type { Indicator } from '../lib/bindings/Indicator';
import type { IndicatorDraft } from '../lib/bindings/IndicatorDraft';
import type { FakeBackend, Handlers } from './fakeBackend';
import { byId, nextId, replace } from './fakeRecords';

type IndicatorCommands =
  | 'list_indicators'
  | 'create_indicator'
  | 'update_indicator'
  | 'delete_indicator'
  | 'set_indicator_value'
  | 'delete_indicator_value';

/** An indicator as the core answers it, with `fields` over a plain one. */
export function indicator(fields: Partial<Indicator> = {}): Indicator {
  return {
    id: 1,
    partnershipId: 1,
    goalPosition: null,
    goal: null,
    name: 'Andel i arbete',
    unit: '',
    baseline: null,
    baselineDate: null,
    target: null,
    targetDate: null,
    source: '',
    koladaId: null,
    byGender: false,
    values: [],
    ...fields,
  };
}

export function indicatorHandlers(b: FakeBackend): Pick<Handlers, IndicatorCommands> {
  const made = (partnershipId: number, id: number, d: IndicatorDraft): Indicator => ({
    id,
    partnershipId,
    goalPosition: d.goalPosition,
    goal: d.goalPosition === null ? null : (b.goals[partnershipId]?.[d.goalPosition]?.goal ?? null),
    name: d.name.trim(),
    unit: d.unit,
    baseline: d.baseline,
    baselineDate: d.baselineDate || null,
    target: d.target,
    targetDate: d.targetDate || null,
    source: d.source,
    koladaId: d.koladaId.trim().toUpperCase() || null,
    byGender: d.byGender,
    values: [],
  });
  return {
    list_indicators: ({ id }) => b.indicators.filter((i) => i.partnershipId === id),
    create_indicator: ({ partnershipId, draft }) => {
      const created = made(partnershipId, nextId(b.indicators.map((i) => i.id)), draft);
      b.indicators.push(created);
      return created;
    },
    update_indicator: ({ id, draft }) => {
      const before = byId(b.indicators, id);
      return replace(b.indicators, {
        ...made(before.partnershipId, id, draft),
        values: before.values,
      });
    },
    delete_indicator: ({ id }) => {
      byId(b.indicators, id);
      b.indicators = b.indicators.filter((i) => i.id !== id);
      return null;
    },
    set_indicator_value: ({ indicatorId, measuredOn, value, women, men, note }) => {
      const i = byId(b.indicators, indicatorId);
      const values = i.values.filter((v) => v.measuredOn !== measuredOn);
      values.push({ measuredOn, value, women, men, note });
      values.sort((x, y) => (x.measuredOn < y.measuredOn ? -1 : 1));
      return replace(b.indicators, { ...i, values });
    },
    delete_indicator_value: ({ indicatorId, measuredOn }) => {
      const i = byId(b.indicators, indicatorId);
      const values = i.values.filter((v) => v.measuredOn !== measuredOn);
      return replace(b.indicators, { ...i, values });
    },
  };
}
