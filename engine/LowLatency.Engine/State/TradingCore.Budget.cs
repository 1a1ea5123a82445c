using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>The shard's risk budget: a coordinator's fences and moves (<see cref="RiskBudgetRequest"/>), decided here, on the trading thread, against what is in use.</summary>
public sealed partial class TradingCore
{
    /// <summary>The budget this core trades on: the coordinator's last, or the configured one.</summary>
    public RiskBudget Budget => State.Budget.Version == 0 ? _risk.Configured : State.Budget;

    /// <summary>The budget and what is in use of it now.</summary>
    public RiskBudgetReport BudgetReport() => new(Budget, Account.OpenPositions, _risk.GrossExposure())
    {
        DailyLoss = _risk.DailyLoss(), Drawdown = _risk.Drawdown(), ConfiguredDailyLoss = _risk.ConfiguredDailyLoss(), ConfiguredDrawdown = _risk.ConfiguredDrawdown(),
        DayStartMs = Account.Today.DayStartMs,
    };

    private RejectReason SetRiskBudget(in RiskBudgetRequest request, long correlationId, long timeMs)
    {
        var current = Budget;
        RiskBudget next;
        if (request.ExpectedVersion == RiskBudgetRequest.Fence)
        {
            if (request.Epoch <= current.Epoch)
            {
                return RejectReason.RiskBudgetConflict;
            }

            if (!Fits(current.MaxOpenPositions, current.MaxGrossExposure, request.PoolOpenPositions, request.PoolGrossExposure))
            {
                return RejectReason.InvalidOrder;
            }

            next = current with { Epoch = request.Epoch, Version = current.Version + 1, PoolOpenPositions = request.PoolOpenPositions, PoolGrossExposure = request.PoolGrossExposure };
            if (!next.HasLossSlices)
            {
                // What the percentages allow now: every shard's part adds up to the account's, the pool a coordinator moves within.
                next = next with { HasLossSlices = true, MaxDailyLoss = _risk.ConfiguredDailyLoss(), MaxDrawdown = _risk.ConfiguredDrawdown() };
            }
        }
        else
        {
            if (current.Epoch == 0 || request.Epoch != current.Epoch || request.ExpectedVersion != current.Version)
            {
                return RejectReason.RiskBudgetConflict;
            }

            if (!Fits(request.MaxOpenPositions, request.MaxGrossExposure, current.PoolOpenPositions, current.PoolGrossExposure) || request.MaxDailyLoss < 0 || request.MaxDrawdown < 0)
            {
                return RejectReason.InvalidOrder;
            }

            // Never below what is held: the other shards may be given what this one gives up, at once.
            if ((request.MaxOpenPositions < current.MaxOpenPositions && request.MaxOpenPositions < Account.OpenPositions)
                || (request.MaxGrossExposure < current.MaxGrossExposure && request.MaxGrossExposure < _risk.GrossExposure())
                || (request.MaxDailyLoss < current.MaxDailyLoss && request.MaxDailyLoss < _risk.DailyLoss())
                || (request.MaxDrawdown < current.MaxDrawdown && request.MaxDrawdown < _risk.Drawdown()))
            {
                return RejectReason.RiskBudgetInUse;
            }

            next = current with
            {
                Version = current.Version + 1, MaxOpenPositions = request.MaxOpenPositions, MaxGrossExposure = request.MaxGrossExposure,
                HasLossSlices = true, MaxDailyLoss = request.MaxDailyLoss, MaxDrawdown = request.MaxDrawdown,
            };
        }

        var record = next.ToRecord(correlationId, timeMs);
        Emit(ref record);
        return RejectReason.None;
    }

    /// <summary>
    /// A new trading day re-cuts a coordinator's daily-loss slice to what the percentage allows on the day's starting
    /// balance: every shard's then adds up to the new day's pool, whatever was moved yesterday. The version moves on,
    /// so a move decided on yesterday's figures is refused.
    /// </summary>
    private void RecutDailyLoss(long timeMs)
    {
        var current = State.Budget;
        if (current.Version > 0 && current.HasLossSlices)
        {
            var record = (current with { Version = current.Version + 1, MaxDailyLoss = _risk.ConfiguredDailyLoss() }).ToRecord(0, timeMs);
            Emit(ref record);
        }
    }

    /// <summary>A slice within its pool; gross exposure 0 is no limit, so a limited slice stays at least 1 and an unlimited one stays unlimited.</summary>
    private static bool Fits(int positions, long gross, int poolPositions, long poolGross) =>
        positions >= 0 && positions <= poolPositions && gross >= 0 && gross <= poolGross && (gross == 0) == (poolGross == 0);
}
