using System.Security.Claims;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace LeadMarket.Web.Components.Accounts;

/// <summary>The signed-in person's API keys: create a live or test key (secret shown once), list, revoke.</summary>
public partial class Integrations
{
    private IReadOnlyList<ApiKeyView>? keys;
    private CreatedApiKey? created;
    private string? newKeyName;
    private bool newKeyIsTest;
    private string? nameError;
    private string? error;
    private bool busy;
    private string userId = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ApiKeyService ApiKeys { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private MarketFormat Times { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string BaseUri => Navigation.BaseUri;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await LoadAsync();
    }

    private async Task LoadAsync() => keys = await ApiKeys.ListAsync(userId);

    private async Task CreateAsync()
    {
        var name = newKeyName?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            nameError = L["Integrations.NameError"];
            return;
        }

        nameError = null;
        error = null;
        busy = true;
        try
        {
            created = await ApiKeys.CreateAsync(userId, name, newKeyIsTest);
            newKeyName = null;
            newKeyIsTest = false;
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RevokeAsync(ApiKeyView key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Integrations.RevokeTitle"],
            L["Integrations.RevokeText", key.Name, key.Prefix],
            yesText: L["Integrations.Revoke"],
            cancelText: L["Integrations.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            error = await ApiKeys.RevokeAsync(userId, key.Id) ? null : L["Integrations.RevokeGone"].Value;
            if (created?.Key.Id == key.Id)
            {
                created = null;
            }

            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CopySecretAsync()
    {
        if (created is null)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", created.Secret);
            Snackbar.Add(L["Integrations.Copied"], Severity.Success);
        }
        catch (JSException)
        {
            // Clipboard access needs a secure context (HTTPS or localhost) and the person's permission.
            Snackbar.Add(L["Integrations.CopyFailed"], Severity.Warning);
        }
    }

    private void DismissSecret() => created = null;
}
