using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using CapMonster.Localization;
using CapMonster.Tasks;

namespace CapMonster.Commands
{
    /// <summary>Marks a parameter that carries a task field of the same name (see the task-type table).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class TaskFieldAttribute : Attribute
    {
    }

    /// <summary>
    /// The parameters that describe a task, shared by New-CapMonsterTask and Invoke-CapMonsterTask. Each task
    /// field is a parameter named after its JSON field in PascalCase; what the caller gives is sent, even $false
    /// or 0, and what they leave out is left out. Every one also binds by property name, so rows of a CSV file
    /// piped in become tasks.
    /// </summary>
    public abstract class TaskParametersCmdlet : CapMonsterApiCmdlet
    {
        internal const string TypedSet = "Typed";
        internal const string RawSet = "Raw";

        private static readonly string[] FieldParameters = typeof(TaskParametersCmdlet)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<TaskFieldAttribute>() is not null)
            .Select(p => p.Name)
            .ToArray();

        /// <summary>The task type: a name that tab-completes (RecaptchaV2...), or an API type name (RecaptchaV2Task, NoCaptchaTask...).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TaskTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string Type { get; set; } = string.Empty;

        /// <summary>A whole task object sent as is, for types and fields the module does not know yet.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RawSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Hashtable? Task { get; set; }

        /// <summary>Image files: for ImageToText one task per file, for ComplexImage tasks the images of one task.</summary>
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = [];

        /// <summary>The image's bytes.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        [ValidateNotNull]
        public byte[]? Image { get; set; }

        /// <summary>The caller's proxy as a URI: 'socks5://login:password@1.2.3.4:1080'.</summary>
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Proxy { get; set; }

        /// <summary>The proxy's protocol.</summary>
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("http", "https", "socks4", "socks5")]
        public string? ProxyType { get; set; }

        /// <summary>The proxy's public IP address.</summary>
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ProxyAddress { get; set; }

        /// <summary>The proxy's port.</summary>
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int ProxyPort { get; set; }

        /// <summary>The proxy's login.</summary>
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true)]
        public string? ProxyLogin { get; set; }

        /// <summary>The proxy's password; shown as *** wherever a request is shown.</summary>
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true)]
        public string? ProxyPassword { get; set; }

        /// <summary>Fields of the task's metadata object, for those without a parameter of their own.</summary>
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public Hashtable? Metadata { get; set; }

        /// <summary>A URL the service posts the result to when the task is done.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? CallbackUrl { get; set; }

        /// <summary>The id of the calling application, as registered with CapMonster.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        public int SoftId { get; set; }

#pragma warning disable CS1591 // Each task field is documented in the help, under its parameter.
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Body { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? CapMonsterModule { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, ValidateRange(0, 100)] public int RecognizingThreshold { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public SwitchParameter Case { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, ValidateRange(0, 1)] public int Numeric { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public SwitchParameter Math { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? WebsiteUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, AllowEmptyString] public string? WebsiteKey { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? WebsitePublicKey { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? RecaptchaDataSValue { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? UserAgent { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public object? Cookies { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public SwitchParameter IsInvisible { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public SwitchParameter NoCache { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? PageAction { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public Hashtable? EnterprisePayload { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? ApiDomain { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, ValidateRange(0.1, 0.9)] public double MinScore { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public SwitchParameter IsEnterprise { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Data { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public SwitchParameter FallbackToActualUA { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? FuncaptchaApiJSSubdomain { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Gt { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Challenge { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, ValidateSet("3", "4")] public int Version { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? GeetestApiServerSubdomain { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? GeetestGetLib { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public Hashtable? InitParameters { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, ValidateSet("token", "cf_clearance", "wait_room")] public string? CloudflareTaskType { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? PageData { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? ApiJsUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? HtmlPageBase64 { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string[]? ImageUrls { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string[]? ImagesBase64 { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string[]? ExampleImageUrls { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string[]? ExampleImagesBase64 { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, ValidateSet("4x4", "3x3", "1x1")] public string? Grid { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? TaskDefinition { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? TaskArgument { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? PayloadType { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, AllowEmptyString] public string? CaptchaScript { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? ChallengeScript { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, AllowEmptyString] public string? Context { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, AllowEmptyString] public string? InitializationVector { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public SwitchParameter CookieSolution { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? ValidateId { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? YidunGetLib { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? YidunApiServerSubdomain { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Hcg { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public long Hct { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? CaptchaUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? DatadomeCookie { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? DatadomeVersion { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? IncapsulaScriptUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? IncapsulaCookies { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Reese84UrlEndpoint { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Cookie { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? WUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? SwUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField, ValidateRange(1, 49)] public int Count { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? TspdCookie { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? ApiGetLib { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Iterations { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Salt { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Signature { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? SceneId { get; set; }
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true), TaskField] public string? Prefix { get; set; }
#pragma warning restore CS1591

        /// <summary>
        /// The tasks this input describes, checked against the table: usually one, one per file for ImageToText
        /// with several paths. A failure is written for this input and nothing of it is sent.
        /// </summary>
        internal List<TaskSpec> BuildSpecs()
        {
            try
            {
                if (ParameterSetName == RawSet)
                {
                    return [TaskSpec.FromRaw(Task!)];
                }
                TaskProxy proxy = ProxyFromParameters();
                var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (string name in FieldParameters.Where(IsBound))
                {
                    values[name] = MyInvocation.BoundParameters[name];
                }
                List<string> images = ImagesFromParameters();
                if (images.Count == 0)
                {
                    return [TaskSpec.Build(Type, values, Metadata, proxy)];
                }
                bool complex = TaskTypes.FindFirst(Type)?.ApiType == "ComplexImageTask";
                if (complex)
                {
                    values[nameof(ImagesBase64)] = images.ToArray();
                    return [TaskSpec.Build(Type, values, Metadata, proxy)];
                }
                return images.Select(image =>
                {
                    values[nameof(Body)] = image;
                    return TaskSpec.Build(Type, values, Metadata, proxy);
                }).ToList();
            }
            catch (CapMonsterException e)
            {
                WriteCapMonsterError(e, CurrentInput);
                return [];
            }
        }

        /// <summary>What an error about this input points at: the piped object, else the type.</summary>
        internal object? CurrentInput => ParameterSetName == RawSet ? Task : Path.Length > 0 ? string.Join(", ", Path) : Type;

        private TaskProxy ProxyFromParameters()
        {
            TaskProxy proxy = new();
            if (IsBound(nameof(Proxy)))
            {
                proxy = TaskProxy.Parse(Proxy!) ?? throw CapMonsterException.FromModuleError(ModuleErrorId.InvalidTaskField, Messages.BadProxyUri(Proxy!));
            }
            proxy.Type = IsBound(nameof(ProxyType)) ? ProxyType : proxy.Type;
            proxy.Address = IsBound(nameof(ProxyAddress)) ? ProxyAddress : proxy.Address;
            proxy.Port = IsBound(nameof(ProxyPort)) ? ProxyPort : proxy.Port;
            proxy.Login = IsBound(nameof(ProxyLogin)) ? ProxyLogin : proxy.Login;
            proxy.Password = IsBound(nameof(ProxyPassword)) ? ProxyPassword : proxy.Password;
            return proxy;
        }

        /// <summary>Images given with -Path or -Image, as base64; -Body stays a field of its own.</summary>
        private List<string> ImagesFromParameters()
        {
            int sources = (Path.Length > 0 ? 1 : 0) + (Image is not null ? 1 : 0) + (IsBound(nameof(Body)) ? 1 : 0);
            if (sources > 1)
            {
                throw CapMonsterException.FromModuleError(ModuleErrorId.InvalidTaskField, Messages.OneImageSource);
            }
            if (Image is not null)
            {
                return [Convert.ToBase64String(Image)];
            }
            var images = new List<string>();
            foreach (string path in Path)
            {
                string full;
                try
                {
                    full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    images.Add(Convert.ToBase64String(File.ReadAllBytes(full)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or System.IO.DriveNotFoundException or NotSupportedException or ArgumentException)
                {
                    throw CapMonsterException.FromModuleError(ModuleErrorId.ImageFileNotFound, Messages.ImageFileNotFound(path), e);
                }
            }
            return images;
        }
    }

    /// <summary>Completes -Type with the friendly names of the task-type table.</summary>
    public sealed class TaskTypeCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = WildcardPattern.Get((wordToComplete ?? string.Empty).Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return TaskTypes.Names.Where(pattern.IsMatch).Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, TaskTypes.Find(name)[0].ApiType));
        }
    }
}
