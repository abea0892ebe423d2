import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { hashPassword } from '../common/auth/password-hasher';
import type { Actor } from '../common/auth/actor';
import { preparedQuery } from '../database/prepared';
import { Conflict, InvalidInput, NotFound } from '../common/errors/domain-errors';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { AgreementsService } from '../agreements/agreements.service';
import { PartiesService } from '../parties/parties.service';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { ObserverGrant } from './observer-grant.entity';
import { User } from './user.entity';
import { passwordProblem } from './password-policy';
import { revokesTokens } from './token-revocation';
import { toUserView, UserView } from './user-view';

/**
 * Stored for invitees until they set a password: not an argon2 hash, so no password ever matches it
 * (and login treats invitees as unknown emails anyway, decoy hash included).
 */
export const UNUSABLE_PASSWORD = '!invitation-pending';

/** What an admin gives when inviting someone: a user without a password. */
export type InviteFields = Omit<CreateUserDto, 'password'>;

/** Increments in the UPDATE itself, so two concurrent changes both move the generation on. */
const NEXT_TOKEN_GENERATION = () => 'token_generation + 1';

interface ActorRow {
  id: string;
  email: string;
  name: string;
  role: Actor['role'];
  party_code: string | null;
  locale: Actor['locale'];
  time_zone: string;
  token_generation: number;
  observed: string[];
}

/** An active user as an actor; grants in the order they were given, as the user view lists them. */
const LOAD_ACTOR_SQL = `
  SELECT u.id, u.email, u.name, u.role, u.party_code, u.locale, u.time_zone, u.token_generation,
         CASE WHEN u.role = 'observer' THEN coalesce(
           (SELECT array_agg(g.agreement_id::text ORDER BY g.created_at)
              FROM observer_grants g WHERE g.user_id = u.id), '{}')
         ELSE '{}' END AS observed
    FROM users u
   WHERE u.id = $1 AND u.active`;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ObserverGrant) private readonly grants: Repository<ObserverGrant>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parties: PartiesService,
    private readonly agreements: AgreementsService,
  ) {}

  async list(query: PageQueryDto): Promise<Page<UserView>> {
    const [users, total] = await this.users.findAndCount({
      order: { email: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    const grants = await this.grantsByUser(users.map((u) => u.id));
    return {
      items: users.map((u) => toUserView(u, grants.get(u.id) ?? [])),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFound('User', id);
    return toUserView(user, (await this.grantsByUser([id])).get(id) ?? []);
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    return this.get(await this.insert(dto, await hashPassword(dto.password), false));
  }

  /**
   * Creates an invited account: no usable password until the invitee sets one through the mailed
   * link. Re-inviting someone who has not accepted yet updates what the admin sent and answers
   * `created: false` (the caller then issues a fresh link); any other existing email is a conflict.
   */
  async invite(dto: InviteFields): Promise<{ user: User; created: boolean }> {
    const existing = await this.users.findOneBy({ email: dto.email.toLowerCase() });
    if (existing) {
      if (!existing.invitationPending) {
        throw new Conflict(`A user with email ${existing.email} already exists.`);
      }
      // Inviting again says the admin wants this person in: a deactivated invitee is let back in.
      const { email: _email, ...changes } = dto;
      await this.update(existing.id, { ...changes, active: true });
      return { user: await this.users.findOneByOrFail({ id: existing.id }), created: false };
    }
    const id = await this.insert(dto, UNUSABLE_PASSWORD, true);
    return { user: await this.users.findOneByOrFail({ id }), created: true };
  }

  private async insert(
    dto: InviteFields,
    passwordHash: string,
    invitationPending: boolean,
  ): Promise<string> {
    const email = dto.email.toLowerCase();
    if (dto.role === 'focal_point' && !dto.partyCode) {
      throw InvalidInput.field('partyCode', 'is required for a focal point');
    }
    if (dto.partyCode) await this.parties.assertKnownCodes([dto.partyCode], 'partyCode');
    if (await this.users.existsBy({ email })) {
      throw new Conflict(`A user with email ${email} already exists.`);
    }
    await this.agreements.assertExist(dto.observedAgreementIds ?? [], 'observedAgreementIds');
    return this.dataSource.transaction(async (em) => {
      const user = await em.save(
        em.create(User, {
          email,
          name: dto.name,
          role: dto.role,
          partyCode: dto.partyCode ?? null,
          locale: dto.locale ?? 'fr',
          timeZone: dto.timeZone ?? 'Africa/Casablanca',
          passwordHash,
          invitationPending,
        }),
      );
      await this.replaceGrants(em, user.id, dto.observedAgreementIds ?? []);
      return user.id;
    });
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFound('User', id);
    const role = dto.role ?? user.role;
    const partyCode = dto.partyCode === undefined ? user.partyCode : dto.partyCode;
    if (role === 'focal_point' && !partyCode) {
      throw InvalidInput.field('partyCode', 'is required for a focal point');
    }
    if (dto.partyCode) await this.parties.assertKnownCodes([dto.partyCode], 'partyCode');
    if (dto.observedAgreementIds) {
      await this.agreements.assertExist(dto.observedAgreementIds, 'observedAgreementIds');
    }
    const changes: QueryDeepPartialEntity<User> = {
      ...(dto.name !== undefined && { name: dto.name }),
      ...(dto.role !== undefined && { role: dto.role }),
      ...(dto.partyCode !== undefined && { partyCode: dto.partyCode }),
      ...(dto.locale !== undefined && { locale: dto.locale }),
      ...(dto.timeZone !== undefined && { timeZone: dto.timeZone }),
      ...(dto.active !== undefined && { active: dto.active }),
      ...(dto.password !== undefined && {
        passwordHash: await hashPassword(dto.password),
        invitationPending: false,
      }),
    };
    if (revokesTokens(user, dto)) changes.tokenGeneration = NEXT_TOKEN_GENERATION;
    await this.dataSource.transaction(async (em) => {
      if (Object.keys(changes).length > 0) await em.update(User, { id }, changes);
      if (dto.observedAgreementIds) await this.replaceGrants(em, id, dto.observedAgreementIds);
    });
    return this.get(id);
  }

  /**
   * Sets a new password and revokes every token issued before. For the admin's PATCH and for the
   * account's own password change; the password rules apply here too, so no caller can skip them.
   */
  async changePassword(
    userId: string,
    newPassword: string,
    options: { manager?: EntityManager; acceptInvitation?: boolean } = {},
  ): Promise<void> {
    const problem = passwordProblem(newPassword);
    if (problem) throw InvalidInput.field('password', problem);
    const passwordHash = await hashPassword(newPassword);
    const result = await (options.manager ?? this.dataSource.manager).update(
      User,
      { id: userId },
      {
        passwordHash,
        tokenGeneration: NEXT_TOKEN_GENERATION,
        // Setting a password by a mailed link proves the mailbox: an invitation is then accepted.
        ...(options.acceptInvitation && { invitationPending: false }),
      },
    );
    if (!result.affected) throw new NotFound('User', userId);
  }

  async findActiveById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id, active: true });
  }

  async findActiveByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.toLowerCase(), active: true });
  }

  /**
   * The caller behind a token; null when the user was deleted or deactivated since, or, given the
   * token's generation, when the token was revoked by a password, role or party change since. The
   * generation is checked on the row loaded anyway: revocation costs no extra query.
   */
  async loadActor(id: string, tokenGeneration?: number): Promise<Actor | null> {
    // Every authenticated request runs this: one statement, only the columns an actor needs (never the
    // password hash), an observer's grants folded in, and no entity hydration; a named prepared
    // statement, so PostgreSQL parses and plans it once per connection.
    const rows = await preparedQuery<ActorRow>(this.dataSource.manager, LOAD_ACTOR_SQL, [id]);
    const row = rows[0];
    if (!row) return null;
    if (tokenGeneration !== undefined && row.token_generation !== tokenGeneration) return null;
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      partyCode: row.party_code,
      locale: row.locale,
      timeZone: row.time_zone,
      observedAgreementIds: row.observed,
    };
  }

  /**
   * Display names by user id, for records that name who did something (history). Names are read now,
   * not copied when the record was written, so a corrected name shows everywhere; a user who no longer
   * exists is simply absent.
   */
  async displayNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    if (unique.length === 0) return new Map();
    const rows = await this.users.find({
      select: { id: true, name: true },
      where: { id: In(unique) },
    });
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  private async grantsByUser(userIds: string[]): Promise<Map<string, string[]>> {
    const byUser = new Map<string, string[]>();
    if (userIds.length === 0) return byUser;
    const rows = await this.grants.find({
      where: { userId: In(userIds) },
      order: { createdAt: 'ASC' },
    });
    for (const row of rows)
      byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.agreementId]);
    return byUser;
  }

  private async replaceGrants(em: EntityManager, userId: string, agreementIds: string[]) {
    await em.delete(ObserverGrant, { userId });
    if (agreementIds.length > 0) {
      await em.insert(
        ObserverGrant,
        agreementIds.map((agreementId) => ({ userId, agreementId })),
      );
    }
  }
}
