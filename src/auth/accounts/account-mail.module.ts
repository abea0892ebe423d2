import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../../users/users.module';
import { AccountMailComposer } from './account-mail.composer';
import { AccountToken } from './account-token.entity';

/** What the delivery worker needs to write invitation and reset mails (no routes). */
@Module({
  imports: [TypeOrmModule.forFeature([AccountToken]), UsersModule],
  providers: [AccountMailComposer],
  exports: [AccountMailComposer],
})
export class AccountMailModule {}
