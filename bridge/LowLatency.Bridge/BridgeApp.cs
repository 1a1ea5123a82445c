using System.Net;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Configuration;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Realtime;
using LowLatency.Engine.MarketData;
using LowLatency.Ipc.Client;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge;

/// <summary>Builds the bridge: engine link, read model, REST routes, problem bodies for every error.</summary>
public static class BridgeApp
{
    /// <summary>CORS origins allowed in Development when none are configured (contract Part A item 7).</summary>
    public static readonly string[] DevelopmentOrigins =
        [.. new[] { 8080, 5173, 4173, 3000 }.SelectMany(port => new[] { $"http://localhost:{port}", $"http://127.0.0.1:{port}" })];

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings files sit beside the binary; data paths (config/…) are relative to the working directory (the repository root).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection("Bridge").Get<BridgeOptions>() ?? new BridgeOptions();
        builder.Services.AddSingleton(Options.Create(options));
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        var registry = InstrumentRegistry.Load(options.Instruments);
        var (account, risk) = EngineSettings.Load(options.EngineConfig);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(account);
        builder.Services.AddSingleton(risk);
        builder.Services.AddSingleton<CommandTracker>();
        var realtime = builder.Configuration.GetSection("Bridge:Realtime").Get<RealtimeOptions>() ?? new RealtimeOptions();
        builder.Services.AddSingleton(realtime);
        builder.Services.AddSingleton<RealtimeHub>();
        builder.Services.AddSingleton<SubscriptionRequests>();
        builder.Services.AddSingleton<SocketIoEndpoint>();
        builder.Services.AddSingleton<PriceFeedEndpoint>();
        builder.Services.AddSingleton(sp => new ReadModel(registry, account, risk, sp.GetRequiredService<CommandTracker>(), sp.GetRequiredService<RealtimeHub>()));
        builder.Services.AddSingleton(sp => new EngineLinkClient(new IPEndPoint(IPAddress.Loopback, options.EnginePort), sp.GetRequiredService<ReadModel>(), sp.GetRequiredService<ILogger<EngineLinkClient>>()));
        builder.Services.AddSingleton(sp => new EngineGateway(sp.GetRequiredService<EngineLinkClient>(), sp.GetRequiredService<CommandTracker>(), TimeSpan.FromSeconds(options.CommandTimeoutSeconds)));
        builder.Services.AddSingleton<EngineAccess>();
        builder.Services.AddHostedService<EngineLinkService>();
        builder.Services.AddProblemDetails();

        var origins = builder.Configuration.GetSection("Bridge:AllowedOrigins").Get<string[]>() is { Length: > 0 } configured ? configured : DevelopmentOrigins;
        builder.Services.AddSingleton(new OriginPolicy(origins));
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins(origins).WithMethods("GET", "POST", "PUT", "DELETE").WithHeaders("Content-Type", "X-API-Key", "Authorization")));

        var app = builder.Build();
        app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var status = error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            var result = Problems.Of(status, status >= 500 ? "Server error" : "Bad request", status >= 500 ? "the bridge failed to handle the request; see its log" : error!.Message);
            await result.ExecuteAsync(context).ConfigureAwait(false);
        }));
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (context.Response.ContentLength is null && !context.Response.HasStarted)
            {
                var code = context.Response.StatusCode;
                await Problems.Of(code, code == 404 ? "Not found" : "Error", code == 404 ? $"no route {context.Request.Method} {context.Request.Path}" : $"status {code}").ExecuteAsync(context).ConfigureAwait(false);
            }
        });
        app.UseCors();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Map("/socket.io/{**rest}", (HttpContext context, SocketIoEndpoint endpoint) => endpoint.HandleAsync(context));
        app.Map("/ws/price-feed", (HttpContext context, PriceFeedEndpoint endpoint) => endpoint.HandleAsync(context));
        app.MapSystem();
        app.MapTrading();
        app.MapPositions();
        app.MapOrders();
        app.MapPortfolio();
        app.MapMarketData();
        return app;
    }
}
