using LowLatency.Disruptor.Dsl;
using LowLatency.Disruptor.Tests.Support;
using LowLatency.Disruptor.Threading;

namespace LowLatency.Disruptor.Tests;

[TestFixture]
public sealed class AffinityTests
{
    // The last CPU this process may use (a CI cpuset need not include CPU 0). Pinning happens on
    // throwaway threads (LongRunning tasks end their thread), so nothing needs unpinning.
    private static int AllowedCpu => ThreadAffinity.GetCurrentThreadCpus()?[^1] ?? 0;

    [Test]
    public void Pinning_a_thread_restricts_it_to_that_cpu_on_this_platform()
    {
        var cpu = AllowedCpu;
        AffinityResult result = default;
        IReadOnlyList<int>? cpus = null;
        Bounded.Run(
            () =>
            {
                result = ThreadAffinity.PinCurrentThread(cpu);
                cpus = ThreadAffinity.GetCurrentThreadCpus();
            },
            "pin a thread");

        if (OperatingSystem.IsLinux())
        {
            Assert.That(result, Is.EqualTo(AffinityResult.Pinned));
            Assert.That(cpus, Is.EqualTo(new[] { cpu }));
        }
        else if (OperatingSystem.IsWindows())
        {
            Assert.That(result, Is.EqualTo(AffinityResult.Pinned));
        }
        else
        {
            Assert.That(result, Is.EqualTo(AffinityResult.NotSupported));
        }
    }

    [Test]
    public void A_cpu_outside_the_machine_is_refused_not_fatal()
    {
        var result = AffinityResult.Pinned;
        Bounded.Run(() => result = ThreadAffinity.PinCurrentThread(1023), "pin to a missing cpu");
        Assert.That(result, Is.Not.EqualTo(AffinityResult.Pinned));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadAffinity.PinCurrentThread(-1));
    }

    [Test]
    public void A_stage_configured_with_a_cpu_runs_pinned_on_a_named_thread()
    {
        var cpu = AllowedCpu;
        var probe = new ThreadProbe();
        using var disruptor = new Disruptor<ValueEvent>(null, 64);
        disruptor.HandleEventsWith(probe, new ProcessorOptions { Name = "ll-test-stage", Cpu = cpu });
        disruptor.Start();
        Assert.That(disruptor.Shutdown(Bounded.Timeout), Is.True);

        Assert.That(probe.ThreadName, Is.EqualTo("ll-test-stage"));
        if (OperatingSystem.IsLinux())
        {
            Assert.That(probe.Cpus, Is.EqualTo(new[] { cpu }));
        }
    }

    private sealed class ThreadProbe : IEventHandler<ValueEvent>, ILifecycleHandler
    {
        public string? ThreadName { get; private set; }

        public IReadOnlyList<int>? Cpus { get; private set; }

        public void OnEvent(ref ValueEvent entry, long sequence, bool endOfBatch)
        {
        }

        public void OnStart()
        {
            ThreadName = Thread.CurrentThread.Name;
            Cpus = ThreadAffinity.GetCurrentThreadCpus();
        }

        public void OnShutdown()
        {
        }
    }
}
