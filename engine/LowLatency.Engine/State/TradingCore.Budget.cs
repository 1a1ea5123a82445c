using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>The shard's risk budget: a coordinator's fences and moves (<see cref="RiskBudgetRequest"/>), decided here, on the trading thread, against what is in use.</summary>
public sealed partial class TradingCore
{
    /// <summary>The budget this core trades on: the coordinator's last, or the configured one.</summary>
    public RiskBudget Budget => State.Budget.Version == 0 ? _risk.Configured : State.Budget;

    /// <summary>The budget and what is in use of it now.</summary>
    public RiskBudgetReport BudgetReport() => new(Budget, Account.OpenPositions, _risk.GrossExposure());

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
        }
        else
        {
            if (current.Epoch == 0 || request.Epoch != current.Epoch || request.ExpectedVersion != current.Version)
            {
                return RejectReason.RiskBudgetConflict;
            }

            if (!Fits(request.MaxOpenPositions, request.MaxGrossExposure, current.PoolOpenPositions, current.PoolGrossExposure))
            {
                return RejectReason.InvalidOrder;
            }

            // Never below what is held: the other shards may be given what this one gives up, at once.
            if ((request.MaxOpenPositions < current.MaxOpenPositions && request.MaxOpenPositions < Account.OpenPositions)
                || (request.MaxGrossExposure < current.MaxGrossExposure && request.MaxGrossExposure < _risk.GrossExposure()))
            {
                return RejectReason.RiskBudgetInUse;
            }

            next = current with { Version = current.Version + 1, MaxOpenPositions = request.MaxOpenPositions, MaxGrossExposure = request.MaxGrossExposure };
        }

        var record = next.ToRecord(correlationId, timeMs);
        Emit(ref record);
        return RejectReason.None;
    }

    /// <summary>A slice within its pool; gross exposure 0 is no limit, so a limited slice stays at least 1 and an unlimited one stays unlimited.</summary>
    private static bool Fits(int positions, long gross, int poolPositions, long poolGross) =>
        positions >= 0 && positions <= poolPositions && gross >= 0 && gross <= poolGross && (gross == 0) == (poolGross == 0);
}
