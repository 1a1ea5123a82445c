using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Fix.Session;

/// <summary>
/// A FIX 4.2/4.4 initiator session: connects (with backoff, inside its schedule), logs on, keeps the session alive
/// with heartbeats and test requests, keeps sequence numbers and sent messages in its <see cref="SessionStore"/>,
/// answers and issues resend requests, and hands application messages to its <see cref="IFixApplication"/> (after
/// letting go of its lock: <see cref="SessionDeliveries"/>). Its threads are its own (the receive loop and a timer);
/// other threads only call <see cref="Send{T}"/>, which takes the session's lock and writes to the socket, so nothing
/// calling it should be a thread that must not wait. The parts: <see cref="SessionFields"/> (a message's session
/// fields in one pass), <see cref="InboundSequence"/> (the incoming numbering, gaps and held messages),
/// <see cref="SessionStore"/>, <see cref="SessionConnector"/> (TCP and TLS), <see cref="ReconnectBackoff"/>, and
/// <see cref="HeartbeatMonitor"/> (the timers' decisions).
/// </summary>
public sealed partial class FixSession : IAsyncDisposable
{
    private readonly FixSessionOptions _options;
    private readonly IFixApplication _app;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly SessionStore _store;
    private readonly SessionDeliveries _deliveries;
    private readonly HeartbeatMonitor _heartbeats;
    private readonly byte[] _begin;
    private readonly byte[] _sender;
    private readonly byte[] _target;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private FixSessionState _state;
    private string _lastEvent = "not started";

    public FixSession(FixSessionOptions options, IFixApplication application, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(application);
        options.Validate();
        _options = options;
        _app = application;
        _log = logger ?? NullLogger.Instance;
        _begin = Encoding.ASCII.GetBytes(options.BeginString);
        _sender = Encoding.ASCII.GetBytes(options.SenderCompId);
        _target = Encoding.ASCII.GetBytes(options.TargetCompId);
        _store = options.StoreDirectory is null
            ? SessionStore.InMemory(options.StoreKeptMessages)
            : SessionStore.Open(options.StoreDirectory, options.Name, options.StoreFsync, options.StoreKeptMessages);
        _inbound.Expected = _store.NextTargetSeq;
        _deliveries = new SessionDeliveries(_gate);
        _heartbeats = new HeartbeatMonitor(options);
    }

    public FixSessionOptions Options => _options;

    public string Name => _options.Name;

    public FixSessionMetrics Metrics { get; } = new();

    public FixSessionState State
    {
        get { lock (_gate) { return _state; } }
    }

    /// <summary>What last happened to the connection, for operators: "logged on", "connection refused", the Logout text …</summary>
    public string LastEvent
    {
        get { lock (_gate) { return _lastEvent; } }
    }

    public long NextSenderSeq
    {
        get { lock (_gate) { return _store.NextSenderSeq; } }
    }

    public long NextTargetSeq
    {
        get { lock (_gate) { return _inbound.Expected; } }
    }

    /// <summary>Raised (on the session's threads) whenever <see cref="State"/> changes.</summary>
    public event Action<FixSession, FixSessionState>? StateChanged;

    /// <summary>Starts connecting; the session keeps reconnecting until <see cref="StopAsync"/>.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_loop is not null)
            {
                return;
            }

            _state = FixSessionState.Connecting; // before Start returns, so a waiter never sees the not-started state
            _lastEvent = "connecting";
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>Logs out (waiting up to the logout timeout for the counterparty's Logout), closes, and stops reconnecting.</summary>
    public async Task StopAsync()
    {
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
            if (_state == FixSessionState.Active)
            {
                SendLogoutLocked("operator stop");
            }
        }

        if (loop is not null && State == FixSessionState.LogoutSent)
        {
            await WaitForAsync(s => s != FixSessionState.LogoutSent, _options.LogoutTimeout).ConfigureAwait(false);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            if (_stream is not null)
            {
                CloseLocked("stopped by the operator");
            }
        }

        Deliver();

        if (loop is not null)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The loop ends by cancellation.
            }
        }

        SetState(FixSessionState.Stopped, LastEvent);
    }

    /// <summary>Waits until the state satisfies <paramref name="condition"/>, or the timeout passes (false).</summary>
    public async Task<bool> WaitForAsync(Func<FixSessionState, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange(FixSession _, FixSessionState s)
        {
            if (condition(s))
            {
                reached.TrySetResult();
            }
        }

        StateChanged += OnChange;
        try
        {
            if (condition(State))
            {
                return true;
            }

            using var timer = new CancellationTokenSource(timeout);
            await using (timer.Token.Register(() => reached.TrySetCanceled()))
            {
                try
                {
                    await reached.Task.ConfigureAwait(false);
                    return true;
                }
                catch (OperationCanceledException)
                {
                    return condition(State);
                }
            }
        }
        finally
        {
            StateChanged -= OnChange;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _store.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = new ReconnectBackoff(_options);
        while (!stop.IsCancellationRequested)
        {
            var window = _options.Schedule.WindowStart(DateTime.UtcNow);
            if (window is null)
            {
                SetState(FixSessionState.OutsideSchedule, "outside the session schedule");
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                continue;
            }

            lock (_gate)
            {
                if (!_options.Schedule.IsAlways && _store.CreatedUtc < window.Value)
                {
                    ResetSequencesLocked(window.Value); // a new session window: a new FIX session
                }
            }

            SetState(FixSessionState.Connecting, _lastEvent);
            var loggedOn = false;
            try
            {
                loggedOn = await ConnectAndRunAsync(window.Value, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or AuthenticationException or InvalidOperationException)
            {
                lock (_gate)
                {
                    CloseLocked(e is SocketException s ? $"connection failed: {s.SocketErrorCode}" : $"connection failed: {e.Message}");
                }

                Deliver();
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            if (backoff.After(loggedOn) is not { } delay)
            {
                SetState(FixSessionState.Stopped, _lastEvent);
                return;
            }

            SetState(FixSessionState.Connecting, _lastEvent);
            await Task.Delay(delay, stop).ConfigureAwait(false);
        }
    }

    private async Task<bool> ConnectAndRunAsync(DateTime window, CancellationToken stop)
    {
        var stream = await SessionConnector.ConnectAsync(_options, stop).ConfigureAwait(false);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop);
        lock (_gate)
        {
            _stream = stream;
            _connection = connection;
            _everActive = false;
            BeginConnectionLocked(window);
        }

        var timer = StartTimer(connection.Token);
        try
        {
            await ReceiveLoopAsync(stream, connection.Token).ConfigureAwait(false);
        }
        finally
        {
            await connection.CancelAsync().ConfigureAwait(false);
            lock (_gate)
            {
                CloseLocked(_closeReason ?? "connection closed by the counterparty");
            }

            Deliver();
            await timer.ConfigureAwait(false); // ends with its connection
        }

        lock (_gate)
        {
            return _everActive;
        }
    }

    /// <summary>Hands the application what the session queued for it; called after each section under the lock.</summary>
    private void Deliver() => _deliveries.Deliver(this, _app);

    private void SetState(FixSessionState state, string lastEvent)
    {
        bool changed;
        lock (_gate)
        {
            changed = _state != state;
            _state = state;
            _lastEvent = lastEvent;
        }

        if (changed)
        {
            StateChanged?.Invoke(this, state);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FIX {Session}: {Event}")]
    private static partial void LogEvent(ILogger logger, string session, string @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "FIX {Session}: logged on (next out {NextOut}, next in {NextIn})")]
    private static partial void LogLoggedOn(ILogger logger, string session, long nextOut, long nextIn);

    [LoggerMessage(Level = LogLevel.Information, Message = "FIX {Session}: resending {Begin}..{End}")]
    private static partial void LogResending(ILogger logger, string session, long begin, long end);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX {Session}: {Problem}")]
    private static partial void LogProblem(ILogger logger, string session, string problem);
}
