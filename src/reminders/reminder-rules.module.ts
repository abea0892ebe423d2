import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReminderRulesService } from './reminder-rules.service';
import { ReminderSettings } from './reminder-settings.entity';

/**
 * The rule set in force, alone: what the committee pack reads (its silence threshold is the nudges'),
 * without the sweep and its dependencies.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ReminderSettings])],
  providers: [ReminderRulesService],
  exports: [ReminderRulesService],
})
export class ReminderRulesModule {}
