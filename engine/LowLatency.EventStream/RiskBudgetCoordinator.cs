using LowLatency.Engine.Commands;
using LowLatency.Engine.Risk;
using Microsoft.Extensions.Logging;

namespace LowLatency.EventStream;

/// <summary>
/// Moves the account's open-positions, gross-exposure, daily-loss and drawdown budgets between shards as their trading needs them
/// (<see cref="RiskBudgetPlan"/>), so a shard is not held at its configured share while another leaves its own unused.
/// The consistency stays that of pre-allocated budgets: each order is checked by its shard alone, against its
/// slice, and the slices never add up to more than the pool (what the configured shares added up to when the first
/// coordinator took over; for the loss limits, what the shards' percentages allow together now: see
/// <see cref="RiskBudgetPlan.LossPools"/>). That holds because the shards decide every change on their trading thread
/// (<see cref="RiskBudgetRequest"/>): a coordinator first fences every shard with an epoch above any it holds (an
/// older coordinator's requests are refused from then on), shrinks a slice only by compare-and-set on its version and
/// never below what is in use, and grows one only by what it has freed. A coordinator lost between a shrink and a
/// grow leaves that part unallocated, and the next one gives it out again. Two at once refuse each other and move
/// nothing unsafe; with a <see cref="CoordinatorLease"/> only its holder acts and the others stand by.
/// </summary>
public sealed partial class RiskBudgetCoordinator(ShardCommandClient shards, RiskBudgetCoordinatorOptions options, ILogger logger, CoordinatorLease? lease = null) : IAsyncDisposable
{
    private readonly BackgroundRun _run = new();
    private long _correlation;
    private long _moves;

    /// <summary>The epoch this coordinator holds every shard under; 0 while it has not fenced them (or stands by).</summary>
    public long Epoch { get; private set; }

    /// <summary>Whether it holds the lease (always, without one).</summary>
    public bool Leading => lease?.Held ?? true;

    /// <summary>What every slice adds up to at most: open positions and gross exposure (0: no limit).</summary>
    public (int Positions, long Gross) Pool { get; private set; }

    /// <summary>What the loss slices add up to at most, as last read (<see cref="RiskBudgetPlan.LossPools"/>).</summary>
    public (long DailyLoss, long Drawdown) LossPool { get; private set; }

    /// <summary>Budget changes it made (fences excluded).</summary>
    public long Moves => Interlocked.Read(ref _moves);

    /// <summary>The shards' budgets and use as last read.</summary>
    public IReadOnlyDictionary<string, RiskBudgetReport> Reports { get; private set; } = new Dictionary<string, RiskBudgetReport>();

    public void Start() => _run.Start(RunAsync);

    public ValueTask DisposeAsync() => _run.DisposeAsync();

    /// <summary>One round: fences the shards when it does not hold them, reads them, and moves what the plan says. False when a shard refused or did not answer.</summary>
    public async Task<bool> RoundAsync(CancellationToken cancellation)
    {
        try
        {
            if (lease is not null && !await lease.HoldAsync(cancellation).ConfigureAwait(false))
            {
                (Epoch, Reports) = (0, new Dictionary<string, RiskBudgetReport>()); // standing by: on taking the lease it fences the shards afresh
                return false;
            }

            if (Epoch == 0 && !await TakeOverAsync(cancellation).ConfigureAwait(false))
            {
                return false;
            }

            var reports = await ReadAsync(cancellation).ConfigureAwait(false);
            if (reports.Values.Any(r => r.Budget.Epoch != Epoch))
            {
                LogOvertaken(logger, Epoch, reports.Values.Max(r => r.Budget.Epoch));
                Epoch = 0;
                return false;
            }

            LossPool = RiskBudgetPlan.LossPools(reports);
            var (poolDaily, poolDrawdown) = LossPool;
            var targets = RiskBudgetPlan.Targets(reports, Pool.Positions, Pool.Gross, poolDaily, poolDrawdown);
            // Every shrink first: what is given below can only be what the shards have let go of.
            foreach (var (shard, target) in targets)
            {
                var slice = RiskBudgetSlice.Of(reports[shard]);
                var shrunk = slice.Min(target);
                if (shrunk != slice && !await MoveAsync(shard, reports[shard], shrunk, reports, cancellation).ConfigureAwait(false))
                {
                    return false;
                }
            }

            foreach (var (shard, target) in targets)
            {
                var slice = RiskBudgetSlice.Of(reports[shard]);
                var slices = reports.Values.Select(r => RiskBudgetSlice.Of(r)).ToArray();
                var grown = new RiskBudgetSlice(
                    (int)Grow(slice.Positions, target.Positions, Pool.Positions - slices.Sum(s => s.Positions)),
                    Grow(slice.Gross, target.Gross, Pool.Gross - slices.Sum(s => s.Gross)),
                    Grow(slice.DailyLoss, target.DailyLoss, poolDaily - slices.Sum(s => s.DailyLoss)),
                    Grow(slice.Drawdown, target.Drawdown, poolDrawdown - slices.Sum(s => s.Drawdown)));
                if (grown != slice && !await MoveAsync(shard, reports[shard], grown, reports, cancellation).ConfigureAwait(false))
                {
                    return false;
                }
            }

            Reports = reports;
            return true;
        }
        catch (ShardCommandException e)
        {
            LogUnanswered(logger, e.Message);
            return false;
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Interval);
            do
            {
                await RoundAsync(stop).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Fences every shard under an epoch above any it holds, with the pool: the one the last coordinator set, or at first what the configured slices add up to.</summary>
    private async Task<bool> TakeOverAsync(CancellationToken cancellation)
    {
        var reports = await ReadAsync(cancellation).ConfigureAwait(false);
        var fenced = reports.Values.Where(r => r.Budget.Epoch > 0).ToArray();
        Pool = fenced.Length > 0
            ? (fenced.Min(r => r.Budget.PoolOpenPositions), fenced.Min(r => r.Budget.PoolGrossExposure))
            : (reports.Values.Sum(r => r.Budget.MaxOpenPositions), reports.Values.Any(r => r.Budget.MaxGrossExposure == 0) ? 0 : reports.Values.Sum(r => r.Budget.MaxGrossExposure));
        var epoch = reports.Values.Max(r => r.Budget.Epoch) + 1;
        foreach (var shard in options.Shards)
        {
            var request = new RiskBudgetRequest(epoch, RiskBudgetRequest.Fence, 0, 0, Pool.Positions, Pool.Gross, 0, 0);
            var result = await SendAsync(shard, request, cancellation).ConfigureAwait(false);
            if (!result.Accepted)
            {
                LogRefused(logger, shard, "fence", result.Reason);
                return false;
            }
        }

        Epoch = epoch;
        LogTookOver(logger, epoch, Pool.Positions, Pool.Gross);
        return true;
    }

    /// <summary>Each shard's budget and use.</summary>
    private async Task<Dictionary<string, RiskBudgetReport>> ReadAsync(CancellationToken cancellation)
    {
        var reports = new Dictionary<string, RiskBudgetReport>();
        foreach (var shard in options.Shards)
        {
            var result = await SendAsync(shard, RiskBudgetRequest.Read, cancellation).ConfigureAwait(false);
            reports[shard] = result.Accepted ? result.Budget : throw new ShardCommandException($"shard {shard} refused the read of its risk budget: {result.Reason}");
        }

        return reports;
    }

    /// <summary>A slice towards its target by no more than is free (a pool of -1 has none).</summary>
    private static long Grow(long slice, long target, long free) => slice + Math.Clamp(target - slice, 0, Math.Max(free, 0));

    private async Task<bool> MoveAsync(string shard, RiskBudgetReport report, RiskBudgetSlice slice, Dictionary<string, RiskBudgetReport> reports, CancellationToken cancellation)
    {
        var budget = report.Budget;
        var request = new RiskBudgetRequest(Epoch, budget.Version, slice.Positions, slice.Gross, budget.PoolOpenPositions, budget.PoolGrossExposure, slice.DailyLoss, slice.Drawdown);
        var result = await SendAsync(shard, request, cancellation).ConfigureAwait(false);
        reports[shard] = result.Budget;
        if (!result.Accepted)
        {
            LogRefused(logger, shard, "move", result.Reason); // in use since it was read, or another coordinator: read again next round
            if (result.Budget.Budget.Epoch != Epoch)
            {
                Epoch = 0;
            }

            return false;
        }

        Interlocked.Increment(ref _moves);
        var from = RiskBudgetSlice.Of(report);
        LogMoved(logger, shard, from, slice);
        return true;
    }

    private Task<CommandResult> SendAsync(string shard, RiskBudgetRequest request, CancellationToken cancellation) =>
        shards.SendAsync(shard, request.ToCommand(Interlocked.Increment(ref _correlation)), options.CommandTimeout, cancellation);

    [LoggerMessage(Level = LogLevel.Information, Message = "risk budgets: took the shards over under epoch {Epoch}; pool {Positions} open positions, gross exposure {Gross}")]
    private static partial void LogTookOver(ILogger logger, long epoch, int positions, long gross);

    [LoggerMessage(Level = LogLevel.Information, Message = "risk budgets: shard {Shard} from {From} to {To}")]
    private static partial void LogMoved(ILogger logger, string shard, RiskBudgetSlice from, RiskBudgetSlice to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "risk budgets: shard {Shard} refused the {What}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string shard, string what, RejectReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "risk budgets: another coordinator holds the shards (epoch {Theirs} above this one's {Ours}); fencing again")]
    private static partial void LogOvertaken(ILogger logger, long ours, long theirs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "risk budgets: {Problem}")]
    private static partial void LogUnanswered(ILogger logger, string problem);
}
