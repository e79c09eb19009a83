using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace LeadMarket.Web.Tests.Components;

/// <summary>
/// The base of every component test: MudBlazor's services, JS interop answered loosely (MudBlazor calls into JS
/// we do not test here), and disposal awaited so component teardown (subscriptions, timers) runs in the test.
/// </summary>
public abstract class BunitTest : BunitContext, IAsyncLifetime
{
    protected BunitTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>Renders as the live circuit does (buttons are enabled only when interactive).</summary>
    protected void RenderInteractively() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
