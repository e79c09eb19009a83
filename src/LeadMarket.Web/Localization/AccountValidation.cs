using System.Globalization;
using System.Resources;
using LeadMarket.Web.Resources;

namespace LeadMarket.Web.Localization;

/// <summary>
/// The account forms' validation messages and field names in the reader's language (the current UI culture), for
/// data annotations: <c>[Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = ...)]</c>
/// and <c>[Display(Name = ..., ResourceType = typeof(AccountValidation))]</c> read these properties at every
/// validation, so each form answers in the language of its request. The texts are AccountText's Validation.* and
/// Field.* entries.
/// </summary>
public static class AccountValidation
{
    private static readonly ResourceManager Texts = new(typeof(AccountText));

    public static string Required => Text("Validation.Required");

    public static string EmailAddress => Text("Validation.EmailAddress");

    /// <summary>A length between a minimum ({2}) and a maximum ({1}).</summary>
    public static string Length => Text("Validation.Length");

    public static string MaxLength => Text("Validation.MaxLength");

    public static string PasswordsDiffer => Text("Validation.PasswordsDiffer");

    public static string ChooseRole => Text("Validation.ChooseRole");

    public static string CompanyLength => Text("Validation.CompanyLength");

    public static string Email => Text("Field.Email");

    public static string CompanyName => Text("Field.CompanyName");

    public static string RememberMe => Text("Field.RememberMe");

    public static string Password => Text("Field.Password");

    public static string ConfirmPassword => Text("Field.ConfirmPassword");

    public static string CurrentPassword => Text("Field.CurrentPassword");

    public static string NewPassword => Text("Field.NewPassword");

    public static string ConfirmNewPassword => Text("Field.ConfirmNewPassword");

    public static string NewEmail => Text("Field.NewEmail");

    public static string AuthenticatorCode => Text("Field.AuthenticatorCode");

    public static string RememberMachine => Text("Field.RememberMachine");

    public static string RecoveryCode => Text("Field.RecoveryCode");

    public static string VerificationCode => Text("Field.VerificationCode");

    public static string PasskeyName => Text("Field.PasskeyName");

    public static string Code => Text("Field.Code");

    private static string Text(string key) => Texts.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
