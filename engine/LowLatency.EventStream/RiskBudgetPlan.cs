using LowLatency.Engine.Risk;

namespace LowLatency.EventStream;

/// <summary>
/// Where the shards' risk budgets should be, from what each has in use: every shard keeps what it holds plus an
/// equal part of the pool's headroom (what no shard uses). It moves only when a shard is short, with less free
/// than half of that part, so budgets follow the trading rather than every tick of gross exposure or loss; a unit
/// the parts do not divide stays with a shard that has it, so an even plan does not bounce a remainder between shards.
/// </summary>
public static class RiskBudgetPlan
{
    /// <summary>
    /// The pools the loss slices are cut from, from the shards' reports: what their configured percentages allow
    /// together. Drawdown's only grows (peaks only rise), so slices cut from an earlier pool still fit. Daily loss's
    /// is the day's; while the shards are on different days (one has rolled at midnight, another not yet) there is
    /// none (-1) and daily loss does not move.
    /// </summary>
    public static (long DailyLoss, long Drawdown) LossPools(IReadOnlyDictionary<string, RiskBudgetReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var sameDay = reports.Values.Select(r => r.DayStartMs).Distinct().Count() == 1;
        return (sameDay ? reports.Values.Sum(r => r.ConfiguredDailyLoss) : -1, reports.Values.Sum(r => r.ConfiguredDrawdown));
    }

    /// <summary>Each shard's new slice, or its current one where nothing should move; a pool of -1 moves nothing of its kind.</summary>
    public static Dictionary<string, RiskBudgetSlice> Targets(IReadOnlyDictionary<string, RiskBudgetReport> reports, int poolPositions, long poolGross, long poolDailyLoss = -1, long poolDrawdown = -1)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var shards = reports.Keys.Order(StringComparer.Ordinal).ToArray();
        var positions = Split(shards.Select(s => ((long)reports[s].Budget.MaxOpenPositions, (long)reports[s].OpenPositions)).ToArray(), poolPositions);
        var gross = poolGross == 0 // no limit: nothing to divide
            ? shards.Select(s => reports[s].Budget.MaxGrossExposure).ToArray()
            : Split(shards.Select(s => (reports[s].Budget.MaxGrossExposure, Used(reports[s].GrossExposure))).ToArray(), poolGross);
        var daily = Split(shards.Select(s => (reports[s].MaxDailyLoss, Used(reports[s].DailyLoss))).ToArray(), poolDailyLoss);
        var drawdown = Split(shards.Select(s => (reports[s].MaxDrawdown, Used(reports[s].Drawdown))).ToArray(), poolDrawdown);
        return shards.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => new RiskBudgetSlice((int)positions[x.i], gross[x.i], daily[x.i], drawdown[x.i]));
    }

    private static long Used(double amount) => (long)Math.Ceiling(amount);

    /// <summary>One resource: (slice, in use) per shard, in name order, and the pool; the new slices.</summary>
    private static long[] Split((long Slice, long Used)[] shards, long pool)
    {
        var slices = shards.Select(s => s.Slice).ToArray();
        var headroom = pool - shards.Sum(s => s.Used);
        if (pool < 0 || headroom < 0)
        {
            return slices; // no pool to cut from, or more in use than the pool (prices moved): nothing to give
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
