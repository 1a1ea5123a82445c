using System.Globalization;

namespace LowLatency.Disruptor;

/// <summary>Builds wait strategies from the names used in configuration files.</summary>
public static class WaitStrategyFactory
{
    /// <summary>The names accepted by <see cref="Create"/>.</summary>
    public static readonly IReadOnlyList<string> Names = ["busy-spin", "yielding", "sleeping", "blocking", "timeout-blocking:<milliseconds>"];

    /// <summary>Creates the strategy named <paramref name="name"/>, e.g. <c>yielding</c> or <c>timeout-blocking:50</c>.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static IWaitStrategy Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim().ToLowerInvariant();
        switch (trimmed)
        {
            case "busy-spin":
                return new BusySpinWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            case "blocking":
                return new BlockingWaitStrategy();
        }

        const string timeoutPrefix = "timeout-blocking:";
        if (trimmed.StartsWith(timeoutPrefix, StringComparison.Ordinal)
            && double.TryParse(trimmed.AsSpan(timeoutPrefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms > 0 && double.IsFinite(ms))
        {
            return new TimeoutBlockingWaitStrategy(TimeSpan.FromMilliseconds(ms));
        }

        throw new ArgumentException(
            $"Unknown wait strategy '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name));
    }
}
