import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely';

/** Shadow suffixes are spliced into SQL: lower-case letters, digits and underscores only. */
export const checkSuffix = (suffix: string): string => {
  if (!/^_[a-z0-9_]{1,20}$/.test(suffix)) throw new RangeError(`bad shadow suffix ${suffix}`);
  return suffix;
};

class RenameTables extends OperationNodeTransformer {
  constructor(
    private readonly tables: ReadonlySet<string>,
    private readonly suffix: string,
  ) {
    super();
  }

  protected override transformTable(node: TableNode): TableNode {
    const table = super.transformTable(node);
    const { identifier } = table.table;
    if (!this.tables.has(identifier.name)) return table;
    return {
      ...table,
      table: {
        ...table.table,
        identifier: { ...identifier, name: `${identifier.name}${this.suffix}` },
      },
    };
  }
}

/**
 * Sends every statement on one of `tables` (SQL names) to its shadow `<name><suffix>`: a
 * rebuild beside the live tables runs the projection's own queries on the shadows. Added after
 * the CamelCasePlugin, so it sees SQL names.
 */
export class ShadowTablesPlugin implements KyselyPlugin {
  private readonly transformer: RenameTables;

  constructor(tables: readonly string[], suffix: string) {
    this.transformer = new RenameTables(new Set(tables), checkSuffix(suffix));
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
