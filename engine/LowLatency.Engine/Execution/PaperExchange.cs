using System.Runtime.CompilerServices;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.Execution;

/// <summary>
/// A simulated venue matching the engine's working orders against the feed's quotes: market, limit, stop and
/// stop-limit orders; GTC, IOC, FOK and DAY; latency, slippage and partial fills drawn from a seed, so the same
/// quotes and orders always give the same fills. It keeps no state of its own: latency is journalled with the
/// accepted order, resting is a record, and each random draw is a hash of the seed, the order and what it has
/// filled, so a restart in the middle continues exactly as an uninterrupted run. Allocation-free per quote.
/// </summary>
public sealed class PaperExchange : IVenue
{
    private readonly OrderBook _book;
    private readonly PaperExchangeOptions _options;
    private Order[] _scratch = new Order[64];
    private readonly ulong _seed;

    public PaperExchange(OrderBook book, PaperExchangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(options);
        if (options.LatencyMs < 0 || options.LatencyJitterMs < 0 || options.MaxSlippageTicks < 0 || options.TakerFeeBps < 0 || options.MakerFeeBps < 0
            || !double.IsFinite(options.LiquidityMultiplier) || options.LiquidityMultiplier <= 0)
        {
            throw new ArgumentException("Latency, jitter, slippage and fees are not negative; the liquidity multiplier is positive.", nameof(options));
        }

        _book = book;
        _options = options;
        _seed = (ulong)options.Seed;
    }

    public PaperExchangeOptions Options => _options;

    // The order path runs rarely: compiled optimised at once instead of staying in tier-0 code for its first calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long ActivationTimeMs(long orderId, int instrumentId, long createdMs)
    {
        var jitter = _options.LatencyJitterMs == 0 ? 0 : (long)(Draw(orderId, 0) * (_options.LatencyJitterMs + 1));
        return createdMs + _options.LatencyMs + jitter;
    }

    public void Submit(Order order)
    {
        // The book is the exchange's view of working orders, activation time included: nothing to do.
        ArgumentNullException.ThrowIfNull(order);
    }

    public void Cancel(Order order)
    {
        // The book is the exchange's view of working orders; nothing else to do.
    }

    public void OnDurable()
    {
        // Simulated inside the engine: no message leaves it.
    }

    public void OnQuote(in Tick tick, IVenueListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var working = _book.WorkingFor(tick.InstrumentId);
        var count = working.Count;
        if (count == 0)
        {
            return;
        }

        if (_scratch.Length < count)
        {
            _scratch = new Order[Math.Max(count, _scratch.Length * 2)];
        }

        for (var i = 0; i < count; i++)
        {
            _scratch[i] = working[i];
        }

        // Orders on one side share what the quote offers, oldest first.
        var liquidity = _options.PartialFills ? Math.Max(1L, (long)(tick.SizeLots * _options.LiquidityMultiplier)) : long.MaxValue;
        var buyLiquidity = liquidity;
        var sellLiquidity = liquidity;
        for (var i = 0; i < count; i++)
        {
            var order = _scratch[i];
            _scratch[i] = null!;
            if (!order.IsWorking || tick.TimestampMs < order.ActiveAtMs)
            {
                continue;
            }

            if (order.Side == Side.Buy)
            {
                Match(order, tick, ref buyLiquidity, listener);
            }
            else
            {
                Match(order, tick, ref sellLiquidity, listener);
            }
        }
    }

    private void Match(Order order, in Tick tick, ref long liquidity, IVenueListener listener)
    {
        var now = tick.TimestampMs;
        if (order.TimeInForce == TimeInForce.Day && now >= Timeframe.D1.NextBucketStart(Timeframe.D1.BucketStart(order.CreatedMs)))
        {
            listener.OnExpired(order, now);
            return;
        }

        var buy = order.Side == Side.Buy;
        if (order.Type is OrderType.Stop or OrderType.StopLimit && !order.Triggered)
        {
            var triggered = buy ? tick.AskTicks >= order.StopTicks : tick.BidTicks <= order.StopTicks;
            if (!triggered)
            {
                return;
            }

            listener.OnTriggered(order, now);
        }

        var limited = order.Type is OrderType.Limit or OrderType.StopLimit;
        long price;
        if (limited)
        {
            var marketable = buy ? tick.AskTicks <= order.LimitTicks : tick.BidTicks >= order.LimitTicks;
            if (!marketable)
            {
                Unfilled(order, now, listener);
                return;
            }

            // A resting limit fills at its price; a marketable one at the better quote.
            price = order.Rested ? order.LimitTicks : buy ? Math.Min(order.LimitTicks, tick.AskTicks) : Math.Max(order.LimitTicks, tick.BidTicks);
        }
        else
        {
            var slip = _options.MaxSlippageTicks == 0 ? 0 : (long)(Draw(order.Id, order.FilledLots + 1) * (_options.MaxSlippageTicks + 1));
            price = buy ? tick.AskTicks + slip : Math.Max(1, tick.BidTicks - slip);
        }

        var remaining = order.RemainingLots;
        if (order.TimeInForce == TimeInForce.Fok && liquidity < remaining)
        {
            listener.OnCancelled(order, CancelReason.FillOrKillUnfilled, now);
            return;
        }

        var lots = Math.Min(remaining, liquidity);
        if (lots <= 0)
        {
            Unfilled(order, now, listener);
            return;
        }

        liquidity -= lots;
        listener.OnFill(order, lots, price, limited && order.Rested, now);
        if (order.IsWorking && order.TimeInForce == TimeInForce.Ioc)
        {
            listener.OnCancelled(order, CancelReason.ImmediateOrCancelRemainder, now);
        }
    }

    /// <summary>Uniform in [0, 1), fixed by the seed, the order and <paramref name="salt"/>: no stream whose position a restart would lose.</summary>
    private double Draw(long orderId, long salt)
    {
        var random = new SplitMix64(_seed ^ ((ulong)orderId * 0x9E3779B97F4A7C15UL) ^ ((ulong)salt * 0xC2B2AE3D27D4EB4FUL));
        return random.NextDouble();
    }

    private static void Unfilled(Order order, long now, IVenueListener listener)
    {
        switch (order.TimeInForce)
        {
            case TimeInForce.Ioc:
                listener.OnCancelled(order, CancelReason.ImmediateOrCancelRemainder, now);
                break;
            case TimeInForce.Fok:
                listener.OnCancelled(order, CancelReason.FillOrKillUnfilled, now);
                break;
            default:
                if (!order.Rested)
                {
                    listener.OnRested(order, now);
                }

                break;
        }
    }
}
