using System.Collections.Concurrent;
using System.Text.Json;
using LowLatency.Bridge.Configuration;
using LowLatency.Bridge.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// The API's jobs (backtests, optimisations, trainings and auto-tunes, backfills) across the cluster's bridges, on a bridge that serves the
/// frontend across the cluster (<c>ll_jobs</c> in its PostgreSQL); on any other bridge, nothing: its jobs are its own.
/// The bridge running a job writes its poll answer there as it changes, with a heartbeat, so any bridge answers a
/// poll for it and flags a cancel that its bridge then carries out. A job whose bridge stops, or falls silent for
/// <see cref="ClusterOptions.JobLeaseSeconds"/>, is taken over by one other bridge (a conditional update: one wins)
/// and run again from its request under the same id: the same inputs and seed, so the same result. Every write by a
/// job's bridge is conditional on still being its bridge, so one that was only slow cannot overwrite its successor;
/// it finds it has lost the job and stops its own run where the kind can be stopped.
/// </summary>
public sealed partial class JobBoard(IOptions<BridgeOptions> options, SharedDatabase database, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IServiceProvider services,
    ILogger<JobBoard> log)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly ClusterOptions _cluster = options.Value.Cluster;
    private readonly ConcurrentDictionary<(string Kind, string Id), BoardedJob> _running = new();

    /// <summary>Whether jobs are the cluster's (another bridge may run, answer for or take over this one's).</summary>
    public bool Shared => database.Available;

    /// <summary>A new job's id: letters and digits, as the work queue's subjects need.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>The id a job's tasks go to the workers under: a run taken over must not meet its predecessor's deduplicated tasks.</summary>
    public static string WorkId(string id, int attempt) => attempt == 0 ? id : $"{id}r{attempt}"; // job ids are letters and digits

    /// <summary>Puts a job this bridge runs on the board, now, so that a poll to another bridge finds it at once.</summary>
    /// <param name="request">What another bridge needs to run it again (<see cref="IResumableJobs.Resume"/>); null: it cannot be.</param>
    /// <param name="lost">Called when the job is no longer this bridge's (another took it over, or this one is stopping): its run here is stopped and its polls go to the board.</param>
    /// <param name="cancel">Carries out a cancel flagged through another bridge; null: the kind cannot be cancelled.</param>
    public void Track(string kind, string id, int attempt, string? request, Func<string> status, Func<object> view, Action lost, Action? cancel = null)
    {
        if (!database.Available)
        {
            return;
        }

        var job = new BoardedJob(kind, id, attempt, request, status, view, lost, cancel);
        _running[(kind, id)] = job;
        try
        {
            Write(job);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            NotOnBoard(log, kind, id, e.Message);
        }
    }

    /// <summary>The latest poll answer of a job another bridge runs (or ran), as JSON; null when there is none.</summary>
    /// <exception cref="NpgsqlException">The cluster's database cannot be reached.</exception>
    public string? View(string kind, string id)
    {
        if (!database.Available)
        {
            return null;
        }

        using var command = Command("SELECT view FROM ll_jobs WHERE kind = $1 AND id = $2", kind, id);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Flags a cancel for the job's bridge to carry out; its status then (null: no such job).</summary>
    /// <exception cref="NpgsqlException">The cluster's database cannot be reached.</exception>
    public string? RequestCancel(string kind, string id)
    {
        if (!database.Available)
        {
            return null;
        }

        using var command = Command("UPDATE ll_jobs SET cancel = true WHERE kind = $1 AND id = $2 RETURNING status", kind, id);
        return command.ExecuteScalar() as string;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!database.Available)
        {
            return;
        }

        try
        {
            Round(); // the latest answers first
            // Unfinished jobs are handed over now rather than after the lease: this bridge is going.
            using var release = Command("UPDATE ll_jobs SET heartbeat_ms = 0 WHERE owner = $1 AND status IN ('queued', 'running')", _cluster.BridgeName);
            release.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            NotHandedOver(log, e.Message);
        }

        foreach (var job in _running.Values)
        {
            job.Lost();
        }

        _running.Clear();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.Available)
        {
            return;
        }

        var resumers = services.GetServices<IResumableJobs>().ToDictionary(r => r.Kind);
        using var timer = new PeriodicTimer(Interval);
        var nextSweep = 0L;
        do
        {
            try
            {
                Round();
                Adopt(resumers);
                if (Now() >= nextSweep)
                {
                    nextSweep = Now() + Math.Min(60_000, (long)(_cluster.JobRetentionDays * 8_640_000)); // a tenth of the retention, at most a minute
                    Sweep();
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                RoundFailed(log, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Each running job's answer and heartbeat; a cancel flagged elsewhere carried out; ended jobs let go.</summary>
    private void Round()
    {
        foreach (var ((kind, id), job) in _running)
        {
            var status = job.Status();
            var flagged = Write(job);
            if (flagged is null)
            {
                TakenOver(log, kind, id);
                job.Lost();
                _running.TryRemove((kind, id), out _);
            }
            else if (BoardedJob.Ended(status))
            {
                _running.TryRemove((kind, id), out _);
            }
            else if (flagged is true)
            {
                job.Cancel?.Invoke();
            }
        }
    }

    /// <summary>
    /// The job's row as it is now, written only while this bridge is its bridge (a new job's row inserted, so a
    /// round that overtakes the first write writes it instead); whether a cancel is flagged, or null when another
    /// bridge has it now.
    /// </summary>
    private bool? Write(BoardedJob job)
    {
        using var command = Command(
            """
            INSERT INTO ll_jobs (kind, id, owner, attempt, status, request, view, heartbeat_ms, created_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
            ON CONFLICT (kind, id) DO UPDATE SET status = excluded.status, view = excluded.view, heartbeat_ms = excluded.heartbeat_ms
            WHERE ll_jobs.owner = excluded.owner AND ll_jobs.attempt = excluded.attempt
            RETURNING cancel
            """,
            job.Kind, job.Id, _cluster.BridgeName, job.Attempt, job.Status(), job.Request ?? "", Serialize(job), Now());
        return command.ExecuteScalar() as bool?;
    }

    /// <summary>Deletes the jobs that ended more than <see cref="ClusterOptions.JobRetentionDays"/> ago (every bridge may: it is the same delete).</summary>
    private void Sweep()
    {
        using var command = Command("DELETE FROM ll_jobs WHERE status IN ('completed', 'failed', 'cancelled') AND heartbeat_ms < $1", Now() - (long)(_cluster.JobRetentionDays * 86_400_000));
        command.ExecuteNonQuery();
    }

    /// <summary>Takes over (one at a time) an unfinished job whose bridge has gone silent and runs it again here.</summary>
    private void Adopt(Dictionary<string, IResumableJobs> resumers)
    {
        if (resumers.Count == 0)
        {
            return;
        }

        var now = Now();
        using var command = Command(
            """
            UPDATE ll_jobs SET owner = $1, heartbeat_ms = $2, attempt = attempt + 1
            WHERE (kind, id) = (SELECT kind, id FROM ll_jobs WHERE status IN ('queued', 'running') AND heartbeat_ms < $3 AND request <> '' AND kind = ANY($4)
                                ORDER BY created_ms LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING kind, id, request, attempt
            """,
            _cluster.BridgeName, now, now - (long)(_cluster.JobLeaseSeconds * 1000), resumers.Keys.ToArray());
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return;
        }

        var (kind, id, request, attempt) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3));
        reader.Close();
        Adopted(log, kind, id, attempt);
        try
        {
            resumers[kind].Resume(id, request, attempt);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or KeyNotFoundException or LowLatency.Engine.Configuration.ConfigException)
        {
            using var failed = Command("UPDATE ll_jobs SET status = 'failed', view = $3 WHERE kind = $1 AND id = $2", kind, id,
                JsonSerializer.Serialize(new { id, status = "failed", error = $"taken over from a bridge that stopped, but its request cannot be run again: {e.Message}" }, json.Value.SerializerOptions));
            failed.ExecuteNonQuery();
        }
    }

    private string Serialize(BoardedJob job) => JsonSerializer.Serialize(job.View(), json.Value.SerializerOptions);

    private NpgsqlCommand Command(string sql, params object[] values) => database.Command(sql, values);

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Kind} {Id} is not on the board yet ({Error}): the next round writes it")]
    private static partial void NotOnBoard(ILogger logger, string kind, string id, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "jobs not handed over on stop ({Error}): another bridge takes them after the lease")]
    private static partial void NotHandedOver(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job board round failed ({Error}); again in a moment")]
    private static partial void RoundFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Kind} {Id} was taken over by another bridge: this bridge's run is cancelled")]
    private static partial void TakenOver(ILogger logger, string kind, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Kind} {Id} lost its bridge: run again here (attempt {Attempt})")]
    private static partial void Adopted(ILogger logger, string kind, string id, int attempt);
}
