import { OmitType } from '@nestjs/swagger';
import { ListActivitiesQuery } from '../activities/dto/list-activities.query';

/** The list's filters (`status`, `type`, `party`, `dueBefore`, `dueAfter`, `overdue`, `q`), without pages. */
export class ExportActivitiesQuery extends OmitType(ListActivitiesQuery, [
  'page',
  'pageSize',
] as const) {}
