using Microsoft.AspNetCore.Mvc;

namespace LowLatency.Bridge.Api;

/// <summary>RFC 9457 problem bodies with the extra <c>error</c> string the contract asks for (Part A item 3).</summary>
public static class Problems
{
    public static IResult Of(int status, string title, string detail) => Results.Problem(new ProblemDetails
    {
        Type = $"https://httpstatuses.io/{status}",
        Title = title,
        Status = status,
        Detail = detail,
        Extensions = { ["error"] = detail },
    });

    public static IResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static IResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, "Refused by the engine", detail);

    public static IResult EngineUnavailable(string detail) => Of(StatusCodes.Status503ServiceUnavailable, "Engine unavailable", detail);
}
