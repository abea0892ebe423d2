import { Module } from '@nestjs/common';
import { DashboardAssets } from './dashboard-assets';
import { DashboardPageController } from './dashboard-page.controller';

/** The progress dashboard page at `/` and its assets; it reads everything else through `/api`. */
@Module({
  controllers: [DashboardPageController],
  providers: [DashboardAssets],
})
export class DashboardPageModule {}
