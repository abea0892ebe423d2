import { Module } from '@nestjs/common';
import { PublicAgreementController } from './public-agreement.controller';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartiesModule } from '../parties/parties.module';
import { AgreementRenewal } from './agreement-renewal.entity';
import { Agreement } from './agreement.entity';
import { AgreementRenewalsService } from './agreement-renewals.service';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { TacitRenewals } from './tacit-renewals';

@Module({
  imports: [TypeOrmModule.forFeature([Agreement, AgreementRenewal]), PartiesModule],
  controllers: [PublicAgreementController, AgreementsController],
  providers: [AgreementsService, AgreementRenewalsService, TacitRenewals],
  exports: [AgreementsService],
})
export class AgreementsModule {}
