using System.Globalization;
using LowLatency.Chaos;

// chaos [--cycles N] [--seed S]: the real engine and bridge processes under load, SIGKILLed at random moments.
var cycles = 10;
var seed = 1;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cycles" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0:
            cycles = c;
            i++;
            break;
        case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var s):
            seed = s;
            i++;
            break;
        default:
            Console.Error.WriteLine($"error: unexpected argument '{args[i]}'");
            Console.Error.WriteLine("usage: chaos [--cycles N] [--seed S]");
            return 2;
    }
}

var report = await ChaosRun.RunAsync(cycles, seed, Console.Out).ConfigureAwait(false);
return report.Clean ? 0 : 1;
