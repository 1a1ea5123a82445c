using LowLatency.Engine.Risk;

namespace LowLatency.EventStream;

/// <summary>
/// Where the shards' risk budgets should be, from what each has in use: every shard keeps what it holds plus an
/// equal part of the pool's headroom (what no shard uses). It moves only when a shard is short, with less free
/// than half of that part, so budgets follow the trading rather than every tick of gross exposure; a unit the
/// parts do not divide stays with a shard that has it, so an even plan does not bounce a remainder between shards.
/// </summary>
public static class RiskBudgetPlan
{
    /// <summary>Each shard's new open-positions and gross-exposure slice, or its current one where nothing should move.</summary>
    public static Dictionary<string, (int Positions, long Gross)> Targets(IReadOnlyDictionary<string, RiskBudgetReport> reports, int poolPositions, long poolGross)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var shards = reports.Keys.Order(StringComparer.Ordinal).ToArray();
        var positions = Split(shards.Select(s => ((long)reports[s].Budget.MaxOpenPositions, (long)reports[s].OpenPositions)).ToArray(), poolPositions);
        var gross = poolGross == 0 // no limit: nothing to divide
            ? shards.Select(s => reports[s].Budget.MaxGrossExposure).ToArray()
            : Split(shards.Select(s => (reports[s].Budget.MaxGrossExposure, (long)Math.Ceiling(reports[s].GrossExposure))).ToArray(), poolGross);
        return shards.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => ((int)positions[x.i], gross[x.i]));
    }

    /// <summary>One resource: (slice, in use) per shard, in name order, and the pool; the new slices.</summary>
    private static long[] Split((long Slice, long Used)[] shards, long pool)
    {
        var slices = shards.Select(s => s.Slice).ToArray();
        var headroom = pool - shards.Sum(s => s.Used);
        if (headroom < 0)
        {
            return slices; // more in use than the pool (prices moved): nothing to give
        }

        var part = (double)headroom / shards.Length;
        if (!shards.Any(s => s.Slice - s.Used < part / 2))
        {
            return slices;
        }

        var targets = shards.Select(s => s.Used + (headroom / shards.Length)).ToArray();
        var remainder = headroom % shards.Length;
        foreach (var i in Enumerable.Range(0, shards.Length).OrderByDescending(i => shards[i].Slice - targets[i]).Take((int)remainder).ToArray())
        {
            targets[i]++;
        }

        return targets;
    }
}
