// Triage suggestions for a report's words (typed, or a voice transcript): category, building/unit and urgency — the shared keyword rules unless the naive Bayes model is sure of something else, the model alone when no rule applies.
import { guessCategory, parsePlace, TICKET_CATEGORIES, type TicketCategory } from '@linli/contracts';
import { classify, features, train, type NaiveBayes } from './triage.classifier';
import { TRIAGE_EXAMPLES_TSV } from './triage-examples';

export interface TriageExample {
  category: TicketCategory;
  urgent: boolean;
  text: string;
}

export interface TriageSuggestion {
  category: TicketCategory;
  /** How sure: at least 0.9 when a keyword rule decided, the model's posterior otherwise. */
  confidence: number;
  categorySource: 'rules' | 'model';
  urgent: boolean;
  location?: { building: string; unit?: string };
}

export function triageExamples(): TriageExample[] {
  return TRIAGE_EXAMPLES_TSV.split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [category, u, text] = l.split('\t');
      if (!TICKET_CATEGORIES.includes(category as TicketCategory) || !text) throw new Error(`bad triage example: ${l}`);
      return { category: category as TicketCategory, urgent: u === 'u', text };
    });
}

/** The model's posterior above which it overrules a keyword rule. */
const RULE_OVERRIDE = 0.95;

/** Someone may be hurt or trapped, or something burning or leaking: 紧急 whatever the category. */
const URGENT = /困人|被困|关在|出不来|漏气|泄漏|气味|煤气味|燃气味|着火|着了|起火|冒烟|黑烟|火花|烧焦|焦糊|触电|爆了|掉下来|快掉|往下掉|砸到|摔倒|起不来|受伤|打起来|没人应|悬在/;

export class Triage {
  private readonly category: NaiveBayes<TicketCategory>;
  private readonly urgency: NaiveBayes<'u' | 'n'>;
  constructor(examples: TriageExample[] = triageExamples()) {
    this.category = train(examples.map((e) => ({ label: e.category, text: e.text })));
    this.urgency = train(examples.map((e) => ({ label: e.urgent ? 'u' : 'n', text: e.text })));
  }

  /** The model's category alone (for measuring it); `text` may come as its features already. */
  modelCategory(text: string | string[]): { category: TicketCategory; p: number } {
    const [top] = classify(this.category, text);
    return { category: top!.label, p: top!.p };
  }

  suggest(text: string): TriageSuggestion {
    const ruled = guessCategory(text);
    const fs = features(text); // both models read the same features
    const model = this.modelCategory(fs);
    // A keyword rule wins unless the model is sure of something else (停电 … 电梯也停了 is 水电, not 电梯).
    const rule = ruled !== '其他' && (model.category === ruled || model.p < RULE_OVERRIDE) ? ruled : null;
    const place = parsePlace(text);
    const urgentP = classify(this.urgency, fs).find((x) => x.label === 'u')?.p ?? 0;
    return {
      ...(rule ? { category: rule, confidence: Math.max(0.9, Math.round(model.p * 100) / 100), categorySource: 'rules' as const } : { category: model.category, confidence: Math.round(model.p * 100) / 100, categorySource: 'model' as const }),
      urgent: URGENT.test(text) || urgentP >= 0.5,
      ...(place ? { location: place } : {}),
    };
  }
}
