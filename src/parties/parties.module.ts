import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartiesController } from './parties.controller';
import { PartiesService } from './parties.service';
import { PartyDirectory } from './party-directory';
import { Party } from './party.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Party])],
  controllers: [PartiesController],
  providers: [PartiesService, PartyDirectory],
  exports: [PartiesService, PartyDirectory],
})
export class PartiesModule {}
