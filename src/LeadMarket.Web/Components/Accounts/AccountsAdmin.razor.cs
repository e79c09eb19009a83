using System.Security.Claims;
using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace LeadMarket.Web.Components.Accounts;

/// <summary>Admin tab: every account's role and, for buyers, the credit limit.</summary>
public partial class AccountsAdmin
{
    private List<AccountRow>? rows;
    private string? search;
    private string? currentUserId;
    private bool busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    // AccountAdministration is scoped because it uses UserManager, which holds a DbContext. A circuit lives as long
    // as the browser tab, so injecting it here would keep one context (and its tracked users) for hours; a scope per
    // operation gives each call a fresh one, like IDbContextFactory does for the other services.
    [Inject]
    private IServiceScopeFactory ScopeFactory { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        currentUserId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var accounts = await WithAccountsAsync(a => a.ListAsync());
        rows = [.. accounts.Select(a => new AccountRow(a))];
    }

    private async Task SaveAsync(AccountRow row)
    {
        busy = true;
        try
        {
            string? error = null;
            if (row.RoleChanged && row.Role is { } role)
            {
                error = await WithAccountsAsync(a => a.SetRoleAsync(row.View.UserId, role));
            }

            if (error is null && row.LimitChanged && row.CreditLimit is { } limit)
            {
                error = await WithAccountsAsync(a => a.SetCreditLimitAsync(row.View.UserId, limit));
            }

            if (error is null && row.LimitChanged && row.CreditLimit is null)
            {
                error = T["Admin.EnterCreditLimit"];
            }

            var userId = row.View.UserId;
            await LoadAsync();
            var fresh = rows!.FirstOrDefault(r => r.View.UserId == userId);
            if (error is not null && fresh is not null)
            {
                // Keep what the admin typed next to the reason it was refused.
                fresh.Error = error;
                fresh.Role = row.Role;
                fresh.CreditLimit = fresh.View.CreditLimit is null ? null : row.CreditLimit;
            }
            else if (error is null)
            {
                Snackbar.Add(T["Admin.Saved"], Severity.Success);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task<T> WithAccountsAsync<T>(Func<AccountAdministration, Task<T>> work)
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AccountAdministration>());
    }

    private bool Matches(AccountRow row) =>
        string.IsNullOrWhiteSpace(search)
        || row.View.Email.Contains(search, StringComparison.OrdinalIgnoreCase)
        || (row.View.CompanyName?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false)
        || row.View.Role.Contains(search, StringComparison.OrdinalIgnoreCase)
        || RoleName(row.View.Role).Contains(search, StringComparison.CurrentCultureIgnoreCase);

    private string CreditLimitLabel => T["Admin.CreditLimitIn", MarketFormat.CurrencySign("EUR")];

    /// <summary>A role as the reader calls it; an account's combination of roles (not a valid choice) as it is stored.</summary>
    private string RoleName(string? role) => role is Roles.Buyer or Roles.Publisher or Roles.Admin ? T[$"Admin.Role.{role}"] : role ?? "";

    private static string Money(decimal? amount) => amount is { } value ? MarketFormat.Money(value) : "";

    /// <summary>One account with the admin's pending edits.</summary>
    private sealed class AccountRow(AccountView view)
    {
        public AccountView View { get; } = view;

        /// <summary>The chosen role; null when the account has none or several (not a valid choice to keep).</summary>
        public string? Role { get; set; } = Roles.All.Contains(view.Role) ? view.Role : null;

        public decimal? CreditLimit { get; set; } = view.CreditLimit;

        public string? Error { get; set; }

        public bool RoleChanged => Role is not null && Role != View.Role;

        public bool LimitChanged => View.CreditLimit is not null && CreditLimit != View.CreditLimit;

        public bool IsChanged => RoleChanged || LimitChanged;
    }
}
