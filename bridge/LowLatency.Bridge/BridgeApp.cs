using System.Net;
using System.Threading.RateLimiting;
using LowLatency.Bridge.Analytics;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Cluster;
using LowLatency.Bridge.Configuration;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Observability;
using LowLatency.Bridge.Realtime;
using LowLatency.Bridge.Security;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;
using LowLatency.Ipc.Client;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using NLog.Web;
using Prometheus;

namespace LowLatency.Bridge;

/// <summary>Builds the bridge: engine link, read model, REST routes, real-time feeds, and the cross-cutting parts (auth, CORS, rate limits, problem bodies, logging, metrics, OpenAPI).</summary>
public static class BridgeApp
{
    /// <summary>CORS origins allowed when none are configured (contract Part A item 7).</summary>
    public static readonly string[] DevelopmentOrigins =
        [.. new[] { 8080, 5173, 4173, 3000 }.SelectMany(port => new[] { $"http://localhost:{port}", $"http://127.0.0.1:{port}" })];

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings files sit beside the binary; data paths (config/…) are relative to the working directory (the repository root).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var environment = builder.Environment.EnvironmentName;
        builder.Configuration
            .AddJsonFile(Path.GetFullPath($"config/bridge.{environment}.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.GetFullPath("config/bridge.local.json"), optional: true, reloadOnChange: false) // git-ignored: keys on this machine
            .AddEnvironmentVariables()
            .AddCommandLine(args);
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection("Bridge").Get<BridgeOptions>() ?? new BridgeOptions();
        var keys = new ApiKeyPolicy(builder.Configuration.GetSection("Bridge:ApiKeys").Get<string[]>() ?? [], builder.Environment.IsDevelopment(), options.Url);
        builder.Logging.ClearProviders();
        builder.Host.UseNLog();
        NLog.LogManager.Configuration = BridgeLogging.Create(builder.Configuration["Bridge:LogDirectory"]);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(keys);
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(10));

        if (options.Cluster.ServeFrontend && !options.Cluster.Enabled)
        {
            throw new InvalidOperationException("Bridge:Cluster:ServeFrontend needs Bridge:Cluster:Nats, Bridge:Cluster:Database and Bridge:Cluster:Shards");
        }

        var registry = InstrumentRegistry.Load(options.Instruments);
        var (account, risk) = EngineSettings.Load(options.EngineConfig);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(LowLatency.Analytics.Astro.AspectTable.Load(options.AstroConfig));
        builder.Services.AddSingleton(account);
        builder.Services.AddSingleton(risk);
        builder.Services.AddSingleton<CommandTracker>();
        var realtime = builder.Configuration.GetSection("Bridge:Realtime").Get<RealtimeOptions>() ?? new RealtimeOptions();
        builder.Services.AddSingleton(realtime);
        builder.Services.AddSingleton<RealtimeHub>();
        builder.Services.AddSingleton<SubscriptionRequests>();
        builder.Services.AddSingleton<SocketIoEndpoint>();
        builder.Services.AddSingleton<PriceFeedEndpoint>();
        builder.Services.AddSingleton(sp => new BridgeStore(LowLatency.History.HistoryDatabase.PathIn(options.DataDirectory), sp.GetRequiredService<ILogger<BridgeStore>>()));
        // Bars in the cluster's PostgreSQL where it names one (every bridge and shard sharing them), else beside the rest in SQLite.
        builder.Services.AddSingleton(_ => LowLatency.History.BarStores.Open(options.DataDirectory, options.Cluster.Database));
        builder.Services.AddSingleton(sp => new LowLatency.History.BarWriteQueue(sp.GetRequiredService<LowLatency.History.IBarStore>(), sp.GetRequiredService<ILogger<LowLatency.History.BarWriteQueue>>()));
        builder.Services.AddSingleton(sp => new HistoryProjection(sp.GetRequiredService<BridgeStore>(), sp.GetRequiredService<LowLatency.History.BarWriteQueue>(), registry));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<HistoryProjection>().Sources);
        builder.Services.AddSingleton<HistoryQueries>();
        // The frontend's settings (alert rules among them) are the cluster's where the bridge serves the frontend across it.
        builder.Services.AddSingleton<SharedDatabase>();
        builder.Services.AddSingleton<SettingsStore>();
        builder.Services.AddSingleton<CandleService>();
        builder.Services.AddSingleton<AnalysisHistory>();
        builder.Services.AddSingleton<JobBoard>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobBoard>());
        builder.Services.AddSingleton<BacktestService>();
        builder.Services.AddSingleton<IResumableJobs>(sp => sp.GetRequiredService<BacktestService>());
        builder.Services.AddSingleton<BackfillService>();
        builder.Services.AddSingleton<IResumableJobs>(sp => sp.GetRequiredService<BackfillService>());
        builder.Services.AddSingleton<SignalService>();
        builder.Services.AddSingleton<WeightOptimizer>();
        builder.Services.AddSingleton<WorkQueue>();
        builder.Services.AddSingleton<LowLatency.Bridge.Cluster.ClusterReadSide>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LowLatency.Bridge.Cluster.ClusterReadSide>());
        builder.Services.AddSingleton<StrategyOptimizer>();
        builder.Services.AddSingleton<IResumableJobs>(sp => sp.GetRequiredService<StrategyOptimizer>());
        builder.Services.AddSingleton<SharedModels>();
        builder.Services.AddSingleton<MlService>();
        builder.Services.AddSingleton<IResumableJobs>(sp => sp.GetRequiredService<MlService>());
        builder.Services.AddSingleton<LowLatency.Bridge.Agent.AgentService>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(_ => new LowLatency.Bridge.Alerts.WebhookSender(new HttpClient()));
        builder.Services.AddSingleton<LowLatency.Bridge.Alerts.AlertLeadership>();
        builder.Services.AddSingleton<LowLatency.Bridge.Alerts.AlertService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LowLatency.Bridge.Alerts.AlertService>());
        builder.Services.AddSingleton(sp => new ReadModel(registry, account, sp.GetRequiredService<CommandTracker>(), sp.GetRequiredService<RealtimeHub>(), sp.GetRequiredService<HistoryProjection>(), sp.GetRequiredService<LowLatency.Bridge.Alerts.AlertService>(), options.Cluster.ServeFrontend));
        builder.Services.AddSingleton(sp => new EngineLinkClient(new IPEndPoint(IPAddress.Loopback, options.EnginePort), sp.GetRequiredService<ReadModel>(), sp.GetRequiredService<ILogger<EngineLinkClient>>(), options.ResolveEngineSecret));
        builder.Services.AddSingleton(sp => new EngineGateway(sp.GetRequiredService<EngineLinkClient>(), sp.GetRequiredService<CommandTracker>(), TimeSpan.FromSeconds(options.CommandTimeoutSeconds)));
        builder.Services.AddSingleton<EngineAccess>();
        builder.Services.AddHostedService<EngineLinkService>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();

        var origins = builder.Configuration.GetSection("Bridge:AllowedOrigins").Get<string[]>() is { Length: > 0 } configured ? configured : DevelopmentOrigins;
        builder.Services.AddSingleton(new OriginPolicy(origins, realtime.SocketSendBufferBytes));
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins(origins).WithMethods("GET", "POST", "PUT", "DELETE").WithHeaders("Content-Type", "X-API-Key", "Authorization")));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsMutating(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.MutatingRequestsPerSecond,
                    Window = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("reads"));
            limiter.OnRejected = async (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                await Problems.Of(StatusCodes.Status429TooManyRequests, "Too many requests", $"at most {options.MutatingRequestsPerSecond} changing requests per second per client").ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
            };
        });

        var app = builder.Build();
        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler(RequestFailures.Options());
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (context.Response.ContentLength is null && !context.Response.HasStarted)
            {
                var code = context.Response.StatusCode;
                await Problems.Of(code, code == 404 ? "Not found" : "Error", code == 404 ? $"no route {context.Request.Method} {context.Request.Path}" : $"status {code}").ExecuteAsync(context).ConfigureAwait(false);
            }
        });
        app.UseMiddleware<CrossSiteGuard>();
        app.UseCors();
        app.Use(async (context, next) =>
        {
            if (!keys.Allows(context.Request))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Problems.Of(StatusCodes.Status401Unauthorized, "API key required", "send the key in X-API-Key or Authorization: Bearer").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.UseRateLimiter();
        app.UseHttpMetrics();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        var hub = app.Services.GetRequiredService<RealtimeHub>();
        app.Lifetime.ApplicationStopping.Register(() => hub.AbortAll("server stopping"));
        BridgeMetrics.Register(hub, app.Services.GetRequiredService<ReadModel>(), app.Services.GetRequiredService<EngineLinkClient>(),
            app.Services.GetRequiredService<LowLatency.History.BarWriteQueue>(), app.Services.GetRequiredService<LowLatency.Bridge.Cluster.ClusterReadSide>());
        app.Map("/socket.io/{**rest}", (HttpContext context, SocketIoEndpoint endpoint) => endpoint.HandleAsync(context)).ExcludeFromDescription();
        app.Map("/ws/price-feed", (HttpContext context, PriceFeedEndpoint endpoint) => endpoint.HandleAsync(context)).ExcludeFromDescription();
        app.MapMetrics("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapSystem(auditFromCluster: options.Cluster.ServeFrontend);
        if (options.Cluster.ServeFrontend)
        {
            app.MapClusterTrading(); // controls to every shard, the account's status across them
            app.MapClusterPortfolio();
            app.MapClusterPositions(); // every shard's positions and orders, whichever bridge is asked
            app.MapClusterOrders();
        }
        else
        {
            app.MapTrading();
            app.MapPositions();
            app.MapOrders();
        }
        app.MapPortfolio(accountFromCluster: options.Cluster.ServeFrontend);
        app.MapMarketData();
        app.MapAnalytics();
        app.MapAstro();
        app.MapEhlers();
        app.MapGann();
        app.MapScanner();
        app.MapStrategies();
        app.MapMl();
        app.MapAlerts();
        app.MapCalculators();
        app.MapSettings();
        app.MapExchanges();
        app.MapBackfill();
        app.MapOptimize();
        app.MapAgent();
        app.MapCluster();
        return app;
    }

    private static bool IsMutating(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && (HttpMethods.IsPost(request.Method) || HttpMethods.IsDelete(request.Method) || HttpMethods.IsPut(request.Method));
}
