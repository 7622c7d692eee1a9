import { defineAssertionType, roleField } from './assertion.ts';

export const FinancialFigureRef = defineAssertionType('FinancialFigure', {
  plural: 'financialFigures',
  description:
    'A reported financial figure of one company for a period: capex, revenue, cash reserves … with the exact ' +
    'amount and/or the reported change.',
  fields: (t) => ({
    company: roleField(t, 'SUBJECT', 'The company the figure belongs to.', true),
  }),
});

export const GroupFigureRef = defineAssertionType('GroupFigure', {
  plural: 'groupFigures',
  description:
    'A figure reported for a group of companies together ("Alibaba, Tencent and Baidu collectively spent …"). ' +
    'See `groupFigureChecks` for the reported total beside the sum of the members’ own figures.',
  fields: (t) => ({
    members: roleField(t, 'MEMBER', 'The companies in the group.'),
  }),
});
