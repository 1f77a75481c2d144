using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapMonster.Emulator;

/// <summary>
/// The emulator hosted in the current process on 127.0.0.1 (Program.Main uses it too).
/// Dispose it to stop.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private EmulatorServer(WebApplication app, EmulatorState state, EmulatorOptions options, Uri baseUri)
    {
        _app = app;
        State = state;
        Options = options;
        BaseUri = baseUri;
    }

    /// <summary>The base address with a trailing slash, e.g. http://127.0.0.1:54321/ (relative method names combine with it).</summary>
    public Uri BaseUri { get; }

    /// <summary>The base address without a trailing slash, as printed on stdout: http://127.0.0.1:54321.</summary>
    public string BaseAddress => BaseUri.GetLeftPart(UriPartial.Authority);

    /// <summary>Tasks, balances, scenarios and the request log, for assertions.</summary>
    public EmulatorState State { get; }

    /// <summary>The options the server was started with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Fires when the server begins to stop.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Starts an emulator; with port 0 it picks a free port.</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var state = new EmulatorState(options);

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Logging.ClearProviders();
        if (options.Verbose)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        WebApplication app = builder.Build();
        var api = new ApiHandler(state);
        var control = new ControlHandler(state, options);
        app.Run(ctx => ControlHandler.IsControlPath(ctx.Request.Path.Value ?? string.Empty)
            ? control.HandleAsync(ctx)
            : api.HandleAsync(ctx));

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            state.Dispose();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/");
        state.StartTimer();
        return new EmulatorServer(app, state, options, uri);
    }

    /// <summary>Asks the server to stop (what Ctrl+C, SIGTERM and a closed stdin do).</summary>
    public void RequestStop() => _app.Lifetime.StopApplication();

    /// <summary>Completes once <see cref="RequestStop"/> was called and the server has stopped.</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        State.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping took too long: disposal below ends the remaining connections.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A host lifetime that leaves the console alone: Program handles signals itself.</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
