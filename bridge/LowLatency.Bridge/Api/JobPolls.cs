using LowLatency.Bridge.Analytics;

namespace LowLatency.Bridge.Api;

/// <summary>A poll for a job: this bridge's own job as it is now, else the answer its bridge last put on the cluster's board (<see cref="JobBoard"/>), else 404.</summary>
public static class JobPolls
{
    public static IResult Answer(object? local, JobBoard board, string kind, string id, string what)
    {
        ArgumentNullException.ThrowIfNull(board);
        return local is not null ? Results.Json(local)
            : FromBoard(() => board.View(kind, id) is { } boarded ? Results.Text(boarded, "application/json") : Unknown(board, what, id));
    }

    public static IResult Unknown(JobBoard board, string what, string id)
    {
        ArgumentNullException.ThrowIfNull(board);
        return Problems.NotFound($"no {what} '{id}' ({(board.Shared ? "on any of the cluster's bridges" : "jobs are kept while the bridge runs")})");
    }

    /// <summary>An answer that reads the board: 503 while the cluster's database cannot be reached, rather than a 404 for a job that may well exist.</summary>
    public static IResult FromBoard(Func<IResult> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            return answer();
        }
        catch (Npgsql.NpgsqlException e)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Job board unavailable", $"the cluster's database, where other bridges' jobs are, cannot be reached: {e.Message}");
        }
    }
}
