import { Module } from '@nestjs/common';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { ResultValuesIoController } from './result-values-io.controller';
import { ResultValuesIoService } from './result-values-io.service';

/**
 * A plan's indicator values in and out as files (CSV, XLSX): the export a donor report starts from, and
 * the bulk import of actuals in the same layout. The IATI `result` elements live with the IATI export
 * (exports/iati/iati-results.ts), the reporting-due reminders with the reminders (reminders/results-due).
 */
@Module({
  imports: [ActionPlansModule],
  controllers: [ResultValuesIoController],
  providers: [ResultValuesIoService],
})
export class ResultsIoModule {}
