import type { CalendarDate } from '../common/time/calendar-date';
import type { ContentLanguage, TextTranslation, Translations } from '../common/i18n/translations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { ActionPlan } from '../action-plans/action-plan.entity';
import { ActionPlanView, toActionPlanView } from '../action-plans/action-plan-view';
import { ActionPlansService } from '../action-plans/action-plans.service';
import { Activity } from '../activities/activity.entity';
import { ActivityPartsStore } from '../activities/parts/activity-parts.store';
import { AgreementsService } from '../agreements/agreements.service';
import { termExpiresOn } from '../agreements/agreement-terms';
import type { Actor } from '../common/auth/actor';
import { Conflict } from '../common/errors/domain-errors';
import { todayIn } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import { PlanHistory } from '../action-plans/plan-history.entity';
import { isCarriedOver, nextCycleStart, nextCycleTitle } from './renewal-rules';

export interface RenewalResult extends ActionPlanView {
  /** Unfinished activities copied into the new plan. */
  carriedOver: number;
}

/**
 * Opens the next cycle of a renewable plan under the same agreement: a new plan starting the day after
 * the old one ends, for the same duration, with the unfinished activities copied over (each pointing
 * back with carriedOverFromId) and the renewal written on both plans' history, in one transaction.
 *
 * Carried-over activities keep their status, progress, notes and dates: an activity that was late is
 * still late in the new cycle (and shows as overdue there), rather than being silently pushed two
 * years ahead. Rescheduling stays a deliberate PATCH by a programme manager.
 */
@Injectable()
export class PlanRenewalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
    private readonly agreements: AgreementsService,
    private readonly parts: ActivityPartsStore,
    private readonly clock: Clock,
  ) {}

  async renew(actor: Actor, planId: string): Promise<RenewalResult> {
    const { plan: visible } = await this.plans.findVisible(actor, planId);
    const agreement = await this.agreements.get(actor, visible.agreementId);
    if (agreement.status === 'terminated') {
      throw new Conflict(
        'The agreement was terminated: its plans cannot be renewed.',
        'Not renewable',
      );
    }
    try {
      return await this.dataSource.transaction((em) => this.renewLocked(em, actor, planId));
    } catch (error) {
      // The unique index on previous_plan_id backs the check below against a concurrent renewal.
      if (
        error instanceof QueryFailedError &&
        (error as { constraint?: string }).constraint === 'UQ_action_plans_previous_plan'
      ) {
        throw alreadyRenewed(planId);
      }
      throw error;
    }
  }

  private async renewLocked(em: EntityManager, actor: Actor, planId: string) {
    // Re-read under a row lock: a concurrent renewal or PATCH of this plan waits for us, and so does
    // any change to one of its activities (they hold a share lock on this row, see
    // ActionPlansService.holdAgainstRenewal), so none is lost between our read and our copy.
    const plan = await em
      .createQueryBuilder(ActionPlan, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :planId', { planId })
      .getOneOrFail();
    if (!plan.renewable) {
      throw new Conflict(`Action plan ${planId} is not renewable.`, 'Not renewable');
    }
    if (await em.existsBy(ActionPlan, { previousPlanId: planId })) throw alreadyRenewed(planId);

    const startsOn = nextCycleStart(plan.endsOn);
    const next = await em.save(
      em.create(ActionPlan, {
        agreementId: plan.agreementId,
        title: nextCycleTitle(plan.title, plan.startsOn, startsOn),
        translations: nextCycleTranslations(plan.translations, plan.startsOn, startsOn),
        partyCodes: plan.partyCodes,
        startsOn,
        durationMonths: plan.durationMonths,
        endsOn: termExpiresOn(startsOn, plan.durationMonths),
        renewable: plan.renewable,
        timeZone: plan.timeZone,
        previousPlanId: plan.id,
      }),
    );

    const activities = await em.find(Activity, {
      where: { planId },
      order: { dueOn: 'ASC', title: 'ASC', id: 'ASC' },
    });
    const open = activities.filter((a) => isCarriedOver(a.status));
    if (open.length > 0) {
      const inserted = await em.insert(
        Activity,
        open.map((a) => carryOver(a, next.id)),
      );
      // Each copy starts with its original's parts: every party where it stood.
      await this.parts.copyParts(
        em,
        open.map((a, i) => ({ fromId: a.id, toId: inserted.identifiers[i].id as string })),
        actor.id,
      );
    }

    const at = this.clock.now();
    await em.insert(PlanHistory, [
      {
        planId,
        actorId: actor.id,
        at,
        event: 'renewed',
        details: {
          nextPlanId: next.id,
          carriedOver: open.length,
          leftBehind: activities.length - open.length,
        },
      },
      {
        planId: next.id,
        actorId: actor.id,
        at,
        event: 'opened_by_renewal',
        details: { previousPlanId: planId, carriedOver: open.length },
      },
    ]);
    const today = todayIn(next.timeZone, at);
    return { ...toActionPlanView(next, today), carriedOver: open.length };
  }
}

function carryOver(activity: Activity, planId: string): Partial<Activity> {
  return {
    planId,
    title: activity.title,
    description: activity.description,
    translations: activity.translations,
    type: activity.type,
    themes: activity.themes,
    leadPartyCode: activity.leadPartyCode,
    partyCodes: activity.partyCodes,
    plannedStartOn: activity.plannedStartOn,
    dueOn: activity.dueOn,
    status: activity.status,
    progressPercent: activity.progressPercent,
    completedOn: null,
    notes: activity.notes,
    carriedOverFromId: activity.id,
    version: 1,
  };
}

/** Translated titles follow the original's new cycle (years moved, or a renewal mark). */
function nextCycleTranslations(
  translations: Translations,
  previousStartsOn: CalendarDate,
  nextStartsOn: CalendarDate,
): Translations {
  const next: Translations = {};
  for (const [language, text] of Object.entries(translations ?? {}) as [
    ContentLanguage,
    TextTranslation,
  ][]) {
    next[language] = text.title
      ? { ...text, title: nextCycleTitle(text.title, previousStartsOn, nextStartsOn) }
      : text;
  }
  return next;
}

function alreadyRenewed(planId: string): Conflict {
  return new Conflict(
    `Action plan ${planId} has already been renewed: its next cycle exists.`,
    'Already renewed',
  );
}
