import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { canRecordMeetings } from '../common/auth/permissions';
import {
  Conflict,
  Forbidden,
  InvalidInput,
  NotFound,
  VersionConflict,
  type FieldError,
} from '../common/errors/domain-errors';
import { Clock } from '../common/time/clock';
import { PartiesService } from '../parties/parties.service';
import { CommitteeMeeting, type MeetingStatus, type Participant } from './committee-meeting.entity';
import { mergeDecisionTranslations } from './decision-text';
import { CreateMeetingDto, ParticipantDto, UpdateMeetingDto } from './dto/meeting.dto';
import { MeetingBaselineStore } from './meeting-baseline.store';
import { meetingDateError, statusChangeError } from './meeting-dates';
import { MeetingDecision } from './meeting-decision.entity';
import { MeetingViews } from './meeting-views.service';
import type { MeetingView } from './meeting-view';
import { MeetingsReader, type MeetingChanges } from './meetings.reader';

/** A meeting of a plan the caller may read, with that plan's "today". */
export interface VisibleMeeting {
  meeting: CommitteeMeeting;
  today: string;
}

/**
 * Meetings of a plan's joint committee: plan readers read them, programme managers and admins record
 * them. Marking a meeting held (or recording it as held) takes its baseline in the same transaction.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
    private readonly parties: PartiesService,
    private readonly baselines: MeetingBaselineStore,
    private readonly views: MeetingViews,
    private readonly reader: MeetingsReader,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, planId: string): Promise<{ items: MeetingView[] }> {
    await this.plans.findVisible(actor, planId);
    const meetings = await this.dataSource.manager.find(CommitteeMeeting, {
      where: { planId },
      order: { heldOn: 'DESC', createdAt: 'DESC', id: 'ASC' },
    });
    return { items: await this.views.viewsOf(planId, meetings) };
  }

  async get(actor: Actor, planId: string, meetingId: string): Promise<MeetingView> {
    const { meeting } = await this.findVisible(actor, planId, meetingId);
    return this.views.viewOf(meeting);
  }

  /** The meeting if it belongs to a plan the caller may read; NotFound otherwise (the same answer). */
  async findVisible(actor: Actor, planId: string, meetingId: string): Promise<VisibleMeeting> {
    const { plan } = await this.plans.findVisible(actor, planId);
    const meeting = await this.dataSource.manager.findOneBy(CommitteeMeeting, {
      id: meetingId,
      planId,
    });
    if (!meeting) throw new NotFound('Meeting', meetingId);
    return { meeting, today: this.plans.todayFor(plan) };
  }

  async create(actor: Actor, planId: string, dto: CreateMeetingDto): Promise<MeetingView> {
    assertMayRecord(actor);
    const { plan } = await this.plans.findVisible(actor, planId);
    const today = this.plans.todayFor(plan);
    const status = dto.status ?? 'planned';
    throwIfAny([meetingDateError(status, dto.heldOn, today)]);
    await this.assertKnownParties(dto.participants);
    const id = await this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        em.create(CommitteeMeeting, {
          planId,
          heldOn: dto.heldOn,
          place: blankToNull(dto.place),
          participants: cleanParticipants(dto.participants ?? []),
          status,
        }),
      );
      if (dto.decisions?.length) {
        await em.insert(
          MeetingDecision,
          dto.decisions.map((d, index) => ({
            meetingId: saved.id,
            text: d.text,
            translations: mergeDecisionTranslations({}, d.translations),
            position: index + 1,
          })),
        );
      }
      if (status === 'held') await this.baselines.take(em, saved.id, planId);
      return saved.id;
    });
    return this.get(actor, planId, id);
  }

  async update(
    actor: Actor,
    planId: string,
    meetingId: string,
    dto: UpdateMeetingDto,
    expectedVersion: number,
  ): Promise<MeetingView> {
    assertMayRecord(actor);
    const { meeting, today } = await this.findVisible(actor, planId, meetingId);
    const status: MeetingStatus = dto.status ?? meeting.status;
    const heldOn = dto.heldOn ?? meeting.heldOn;
    const datesTouched = dto.heldOn !== undefined || status !== meeting.status;
    throwIfAny([
      statusChangeError(meeting.status, status),
      datesTouched ? meetingDateError(status, heldOn, today) : null,
    ]);
    await this.assertKnownParties(dto.participants);
    const changes: Partial<CommitteeMeeting> = {
      ...(dto.heldOn !== undefined && { heldOn: dto.heldOn }),
      ...(dto.place !== undefined && { place: blankToNull(dto.place) }),
      ...(dto.participants !== undefined && { participants: cleanParticipants(dto.participants) }),
      ...(dto.status !== undefined && { status: dto.status }),
    };
    await this.dataSource.transaction(async (em) => {
      await this.bumpVersion(em, meetingId, expectedVersion, changes);
      if (status === 'held') await this.baselines.take(em, meetingId, planId);
    });
    return this.get(actor, planId, meetingId);
  }

  /** Deletes a meeting recorded by mistake, with its decisions and baseline (activities stay). */
  async delete(
    actor: Actor,
    planId: string,
    meetingId: string,
    expectedVersion: number,
  ): Promise<void> {
    assertMayRecord(actor);
    await this.findVisible(actor, planId, meetingId);
    const deleted = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(CommitteeMeeting)
      .where('id = :meetingId AND version = :expectedVersion', { meetingId, expectedVersion })
      .execute();
    if (deleted.affected === 0) {
      await this.throwStaleOrGone(this.dataSource.manager, meetingId, expectedVersion);
    }
  }

  /** Takes the baseline now, once: 409 when it was taken already (at holding or by an earlier call). */
  async takeBaseline(actor: Actor, planId: string, meetingId: string): Promise<MeetingView> {
    assertMayRecord(actor);
    const { meeting } = await this.findVisible(actor, planId, meetingId);
    const taken = await this.dataSource.transaction(async (em) => {
      const ok = await this.baselines.take(em, meetingId, planId);
      if (ok) {
        await em.query(
          `UPDATE committee_meetings SET version = version + 1, updated_at = $2 WHERE id = $1`,
          [meetingId, this.clock.now()],
        );
      }
      return ok;
    });
    if (!taken) {
      throw new Conflict(
        `The baseline of meeting ${meeting.id} was already taken; a baseline is taken once.`,
        'Baseline already taken',
      );
    }
    return this.get(actor, planId, meetingId);
  }

  async changes(actor: Actor, planId: string, meetingId: string): Promise<MeetingChanges> {
    await this.findVisible(actor, planId, meetingId);
    return this.reader.changesSince(meetingId);
  }

  private async bumpVersion(
    em: EntityManager,
    meetingId: string,
    expectedVersion: number,
    changes: Partial<CommitteeMeeting>,
  ): Promise<void> {
    const result = await em
      .createQueryBuilder()
      .update(CommitteeMeeting)
      .set({ ...changes, version: () => 'version + 1', updatedAt: this.clock.now() })
      .where('id = :meetingId AND version = :expectedVersion', { meetingId, expectedVersion })
      .execute();
    if (result.affected === 0) await this.throwStaleOrGone(em, meetingId, expectedVersion);
  }

  private async throwStaleOrGone(
    em: EntityManager,
    meetingId: string,
    expectedVersion: number,
  ): Promise<never> {
    const current = await em.findOneBy(CommitteeMeeting, { id: meetingId });
    if (!current) throw new NotFound('Meeting', meetingId);
    throw new VersionConflict('Meeting', expectedVersion, current.version);
  }

  private async assertKnownParties(participants: ParticipantDto[] | undefined): Promise<void> {
    const codes = (participants ?? []).map((p) => p.partyCode).filter((c): c is string => !!c);
    await this.parties.assertKnownCodes(codes, 'participants');
  }
}

export function assertMayRecord(actor: Actor): void {
  if (!canRecordMeetings(actor)) {
    throw new Forbidden('Only programme managers and admins record committee meetings.');
  }
}

function throwIfAny(errors: (FieldError | null)[]): void {
  const found = errors.filter((e): e is FieldError => e !== null);
  if (found.length > 0) throw new InvalidInput(found);
}

function blankToNull(value: string | null | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}

/** Stored as given, without empty optional fields, so the document stays small and comparable. */
function cleanParticipants(participants: ParticipantDto[]): Participant[] {
  return participants.map((p) => ({
    name: p.name.trim() || p.name,
    ...(p.partyCode && { partyCode: p.partyCode }),
    ...(p.role?.trim() && { role: p.role.trim() }),
  }));
}
