import { Injectable } from '@nestjs/common';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import type { Party } from './party.entity';
import { PartiesService } from './parties.service';

const PAGE_SIZE = 200;

/**
 * Every party, by code, read through PartiesService's pages (there are tens, not thousands). The import
 * needs the known codes to report each unknown one against its row, which assertKnownCodes (first
 * failure only) cannot do; the IATI export needs names and types.
 */
@Injectable()
export class PartyDirectory {
  constructor(private readonly parties: PartiesService) {}

  async all(): Promise<Map<string, Party>> {
    const byCode = new Map<string, Party>();
    for (let page = 1; ; page++) {
      const query = Object.assign(new PageQueryDto(), { page, pageSize: PAGE_SIZE });
      const result = await this.parties.list(query);
      for (const party of result.items) byCode.set(party.code, party);
      if (result.items.length < PAGE_SIZE || byCode.size >= result.total) return byCode;
    }
  }
}
