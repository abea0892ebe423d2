import { ResultIndicatorActivity } from './result-indicator-activity.entity';
import { ResultIndicator } from './result-indicator.entity';
import { ResultObjective } from './result-objective.entity';
import { ResultPeriodValidation } from './result-period-validation.entity';
import { ResultTarget } from './result-target.entity';
import { ResultValueEvidence } from './result-value-evidence.entity';
import { ResultValueHistory } from './result-value-history.entity';
import { ResultValue } from './result-value.entity';

/** The results framework's tables (migration 1795940000200), for entities.ts and the module. */
export const RESULT_ENTITIES = [
  ResultObjective,
  ResultIndicator,
  ResultIndicatorActivity,
  ResultTarget,
  ResultValue,
  ResultPeriodValidation,
  ResultValueHistory,
  ResultValueEvidence,
];
