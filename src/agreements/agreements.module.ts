import { Module } from '@nestjs/common';
import { PublicAgreementController } from './public-agreement.controller';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartiesModule } from '../parties/parties.module';
import { AgreementRenewal } from './agreement-renewal.entity';
import { Agreement } from './agreement.entity';
import { AgreementQueries } from './agreement-queries';
import { AgreementRenewalsService } from './agreement-renewals.service';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { TacitRenewals } from './tacit-renewals';
import { AgreementAmendment } from './lifecycle/agreement-amendment.entity';
import { AgreementDenunciation } from './lifecycle/agreement-denunciation.entity';
import { AgreementLifecycleController } from './lifecycle/agreement-lifecycle.controller';
import { AgreementLifecycleService } from './lifecycle/agreement-lifecycle.service';
import { AgreementNotification } from './lifecycle/agreement-notification.entity';
import { LifecycleRecordsStore } from './lifecycle/lifecycle-records';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Agreement,
      AgreementRenewal,
      AgreementNotification,
      AgreementAmendment,
      AgreementDenunciation,
    ]),
    PartiesModule,
  ],
  controllers: [PublicAgreementController, AgreementsController, AgreementLifecycleController],
  providers: [
    AgreementQueries,
    AgreementsService,
    AgreementRenewalsService,
    TacitRenewals,
    LifecycleRecordsStore,
    AgreementLifecycleService,
  ],
  exports: [AgreementsService],
})
export class AgreementsModule {}
