using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CapMonster.Api;
using CapMonster.Localization;
using CapMonster.Tasks;

namespace CapMonster.Commands
{
    /// <summary>Marks a parameter that carries a task field of the same name (declared beside the task-type table, Tasks/TaskTypes.cs).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class TaskFieldAttribute : Attribute
    {
    }

    /// <summary>
    /// The parameters that describe a task, shared by New-CapMonsterTask and Invoke-CapMonsterTask. Each task
    /// field is a parameter named after its JSON field in PascalCase; what the caller gives is sent, even $false
    /// or 0, and what they leave out is left out. Piped objects are read by <see cref="BuildSpecs"/>, not bound by
    /// property name: a CSV row, a hashtable or a JSON object is a task of its own, files and paths are images, bytes
    /// are an image; a byte array's Count or a module's Version never becomes a task field.
    /// </summary>
    public abstract partial class TaskParametersCmdlet : CapMonsterApiCmdlet
    {
        internal const string TypedSet = "Typed";
        internal const string RawSet = "Raw";

        private static readonly Dictionary<string, PropertyInfo> FieldParameters = typeof(TaskParametersCmdlet)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<TaskFieldAttribute>() is not null)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        private readonly List<byte> pipedBytes = [];
        private HashSet<string> givenOnCommandLine = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The task type: a name that tab-completes (RecaptchaV2...), or an API type name (RecaptchaV2Task, NoCaptchaTask...).</summary>
        [Parameter(Position = 0, ParameterSetName = TypedSet)]
        [ArgumentCompleter(typeof(TaskTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Type { get; set; }

        /// <summary>A whole task object sent as is, for types and fields the module does not know yet.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RawSet)]
        [ValidateNotNull]
        public IDictionary? Task { get; set; }

        /// <summary>
        /// What tasks are made of, from the pipeline: hashtables and objects (CSV rows, JSON objects) as tasks, files
        /// and paths as images, bytes as an image.
        /// </summary>
        [Parameter(ParameterSetName = TypedSet, ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        /// <summary>Image files, wildcards expanded: for ImageToText one task per file, for ComplexImage tasks the images of one task.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = [];

        /// <summary>Image files taken literally (no wildcards); binds the PSPath of files piped from Get-ChildItem.</summary>
        [Parameter(ParameterSetName = TypedSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = [];

        /// <summary>The image's bytes.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        [ValidateNotNull]
        public byte[]? Image { get; set; }

        /// <summary>The caller's proxy as a URI: 'socks5://login:password@1.2.3.4:1080'.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        [ValidateNotNullOrEmpty]
        public string? Proxy { get; set; }

        /// <summary>The proxy's protocol.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        [ValidateSet("http", "https", "socks4", "socks5")]
        public string? ProxyType { get; set; }

        /// <summary>The proxy's public IP address.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        [ValidateNotNullOrEmpty]
        public string? ProxyAddress { get; set; }

        /// <summary>The proxy's port.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        [ValidateRange(1, 65535)]
        public int ProxyPort { get; set; }

        /// <summary>The proxy's login.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        public string? ProxyLogin { get; set; }

        /// <summary>The proxy's password; shown as *** wherever a request is shown.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        public string? ProxyPassword { get; set; }

        /// <summary>The proxy's login and password as a credential (Get-Credential, a vault), instead of -ProxyLogin and -ProxyPassword.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Fields of the task's metadata object, for those without a parameter of their own.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        [ValidateNotNull]
        public Hashtable? Metadata { get; set; }

        /// <summary>A URL the service posts the result to when the task is done.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CallbackUrl { get; set; }

        /// <summary>The id of the calling application, as registered with CapMonster.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int SoftId { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            // What the command line gave applies to every piped input; parameters bound later came from the pipeline.
            givenOnCommandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>
        /// The tasks of this input, checked against the table: one per piped object or per image file of an
        /// ImageToText task. A failure is written for the input concerned and nothing of it is sent.
        /// </summary>
        internal List<TaskSpec> BuildSpecs()
        {
            var specs = new List<TaskSpec>();
            if (ParameterSetName == RawSet)
            {
                Collect(specs, Task, () =>
                {
                    TaskSpec raw = TaskSpec.FromRaw(Task!);
                    raw.CallbackUrl = CallbackUrl;
                    raw.SoftId = IsBound(nameof(SoftId)) ? SoftId : null;
                    return [raw];
                });
                return specs;
            }
            if (!IsBound(nameof(InputObject)))
            {
                Collect(specs, null, () => FromParameters([]));
                return specs;
            }
            foreach (object? item in Items(InputObject))
            {
                object? value = item is PSObject wrapped ? wrapped.BaseObject : item;
                if (value is byte single)
                {
                    pipedBytes.Add(single); // bytes piped one by one (Get-Content -AsByteStream) make one image
                    continue;
                }
                specs.AddRange(BuildPipedBytes());
                // A file piped from Get-ChildItem binds -LiteralPath by its PSPath: it is read there, once.
                bool pathFromPipeline = LiteralPath.Length > 0 && !givenOnCommandLine.Contains(nameof(LiteralPath));
                Collect(specs, item, () => value switch
                {
                    IDictionary dictionary => FromObject(item, dictionary.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty, e.Value))),
                    PSCustomObject => FromObject(item, ((PSObject)item!).Properties.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value))),
                    byte[] bytes => FromParameters([(Convert.ToBase64String(bytes), null)]),
                    string path => FromParameters(ReadImages([path], literal: false)),
                    FileSystemInfo file => FromParameters(ReadImages([file.FullName], literal: true)),
                    _ when pathFromPipeline => FromParameters(ReadImages(LiteralPath, literal: true)),
                    _ => throw CapMonsterException.FromModuleError(ModuleErrorId.UnsupportedTaskInput, Messages.UnsupportedTaskInput(value?.GetType().FullName ?? "null")),
                });
            }
            return specs;
        }

        /// <summary>The task of bytes piped one by one, once they stop coming (at the end of the pipeline).</summary>
        internal List<TaskSpec> BuildPipedBytes()
        {
            var specs = new List<TaskSpec>();
            if (pipedBytes.Count > 0)
            {
                byte[] bytes = pipedBytes.ToArray();
                pipedBytes.Clear();
                Collect(specs, bytes, () => FromParameters([(Convert.ToBase64String(bytes), null)]));
            }
            return specs;
        }

        /// <summary>Adds what <paramref name="build"/> makes, with its warnings; writes its failure for <paramref name="input"/>.</summary>
        private void Collect(List<TaskSpec> specs, object? input, Func<List<TaskSpec>> build)
        {
            try
            {
                foreach (TaskSpec spec in build())
                {
                    spec.Input = input;
                    foreach (string warning in spec.Warnings)
                    {
                        WriteWarning(warning);
                    }
                    foreach (string detail in spec.Details)
                    {
                        WriteVerbose(detail);
                    }
                    specs.Add(spec);
                }
            }
            catch (CapMonsterException e)
            {
                WriteCapMonsterError(e, input ?? (object?)(Path.Length > 0 ? string.Join(", ", Path) : Type));
            }
        }

        /// <summary>What -InputObject holds: one object, or each item of a collection given with -InputObject.</summary>
        private static IEnumerable<object?> Items(object? input)
        {
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            return value is IEnumerable items and not string and not IDictionary and not byte[] and not PSCustomObject
                ? items.Cast<object?>()
                : [input];
        }

        /// <summary>The tasks the command line's parameters describe, with the image piped in (bytes, a file, a path), if any.</summary>
        private List<TaskSpec> FromParameters(List<(string Base64, string? Path)> pipedImages)
        {
            string type = Type ?? throw CapMonsterException.FromModuleError(ModuleErrorId.MissingTaskField, Localization.Strings.NoTaskType);
            return WithImages(type, CommandLineFields(), [], Metadata, ProxyFromParameters(new TaskProxy()), Images(pipedImages),
                CallbackUrl, IsBound(nameof(SoftId)) ? SoftId : null);
        }

        private List<KeyValuePair<string, object?>> CommandLineFields() =>
            FieldParameters.Keys.Where(IsBound).Select(name => new KeyValuePair<string, object?>(name, MyInvocation.BoundParameters[name])).ToList();

        /// <summary>
        /// The task a hashtable or an object (a CSV row, a JSON object) describes, by parameter or JSON field name. The
        /// command line's parameters apply to it and win; an empty value is a field not given.
        /// </summary>
        private List<TaskSpec> FromObject(object? input, IEnumerable<KeyValuePair<string, object?>> entries)
        {
            string? type = null;
            string? taskClass = null;
            string? callbackUrl = null;
            int? softId = null;
            var metadata = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            var proxy = new TaskProxy();
            var paths = new List<(string Path, bool Literal)>();
            var fields = new List<KeyValuePair<string, object?>>();
            var raw = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            bool allApiNames = true;
            foreach (KeyValuePair<string, object?> entry in entries)
            {
                allApiNames &= TaskTypes.IsApiFieldName(entry.Key);
                object? value = entry.Value is PSObject { BaseObject: not PSCustomObject } wrapped ? wrapped.BaseObject : entry.Value;
                if (value is null || (value is string text && text.Trim().Length == 0))
                {
                    if (IsRequiredEmptyField(entry.Key))
                    {
                        fields.Add(new(entry.Key, value ?? string.Empty));
                    }
                    continue; // an empty cell is a parameter not given
                }
                raw[entry.Key] = value;
                string? text1 = value as string;
                switch (entry.Key.ToUpperInvariant())
                {
                    case "TYPE":
                        type = Convert.ToString(value, CultureInfo.InvariantCulture)!.Trim();
                        break;
                    case "CLASS":
                        taskClass = Convert.ToString(value, CultureInfo.InvariantCulture)!.Trim();
                        break;
                    case "METADATA":
                        foreach (KeyValuePair<string, object?> item in Entries(value))
                        {
                            if (item.Value is not null && !(item.Value is string s && s.Trim().Length == 0))
                            {
                                metadata[item.Key] = item.Value;
                            }
                        }
                        break;
                    case "PATH":
                        paths.AddRange(Strings(value).Select(p => (p, false)));
                        break;
                    case "LITERALPATH" or "PSPATH" or "FULLNAME":
                        paths.AddRange(Strings(value).Select(p => (p, true)));
                        break;
                    case "CALLBACKURL":
                        callbackUrl = Convert.ToString(value, CultureInfo.InvariantCulture);
                        break;
                    case "SOFTID":
                        softId = (int)ConvertParameter(nameof(SoftId), value, typeof(int), GetType().GetProperty(nameof(SoftId)))!;
                        break;
                    case "PROXY":
                        proxy = ParseProxy(text1 ?? Convert.ToString(value, CultureInfo.InvariantCulture)!, proxy);
                        break;
                    case "PROXYTYPE":
                        proxy.Type = (string?)ConvertParameter(nameof(ProxyType), value, typeof(string), GetType().GetProperty(nameof(ProxyType)));
                        break;
                    case "PROXYADDRESS":
                        proxy.Address = Convert.ToString(value, CultureInfo.InvariantCulture);
                        break;
                    case "PROXYPORT":
                        proxy.Port = (int?)ConvertParameter(nameof(ProxyPort), value, typeof(int), GetType().GetProperty(nameof(ProxyPort)));
                        break;
                    case "PROXYLOGIN":
                        proxy.Login = Convert.ToString(value, CultureInfo.InvariantCulture);
                        break;
                    case "PROXYPASSWORD":
                        proxy.Password = Convert.ToString(value, CultureInfo.InvariantCulture);
                        break;
                    default:
                        fields.Add(new(entry.Key, value));
                        break;
                }
            }

            string typeName = Type ?? ResolveObjectType(type, taskClass) ?? throw CapMonsterException.FromModuleError(ModuleErrorId.MissingTaskField, Localization.Strings.NoTaskType);
            if (Type is null && TaskTypes.Find(typeName).Count == 0 && allApiNames)
            {
                // A type the table does not know, in an object written in the API's own names (copied from its
                // documentation): the object is the task, sent as is. Any other (a CSV row's 'Recaptcha2') is a typo,
                // refused with UnknownTaskType below.
                TaskSpec spec = TaskSpec.FromRaw(raw);
                spec.CallbackUrl = CallbackUrl ?? callbackUrl;
                spec.SoftId = IsBound(nameof(SoftId)) ? SoftId : softId;
                return [spec];
            }
            foreach (DictionaryEntry extra in Metadata ?? new Hashtable())
            {
                metadata[Convert.ToString(extra.Key, CultureInfo.InvariantCulture)!] = extra.Value;
            }
            List<(string Base64, string? Path)> images = ReadImages(paths.Where(p => !p.Literal).Select(p => p.Path).ToArray(), literal: false);
            images.AddRange(ReadImages(paths.Where(p => p.Literal).Select(p => p.Path).ToArray(), literal: true));
            return WithImages(typeName, CommandLineFields(), fields, metadata, ProxyFromParameters(proxy), Images(images),
                CallbackUrl ?? callbackUrl, IsBound(nameof(SoftId)) ? SoftId : softId);
        }

        /// <summary>
        /// Builds the tasks: one per image for ImageToText, all images in one ComplexImage task, else one task. The
        /// command line's values come after the object's, so they win.
        /// </summary>
        private static List<TaskSpec> WithImages(
            string type, List<KeyValuePair<string, object?>> commandLine, List<KeyValuePair<string, object?>> fromObject, IDictionary? metadata,
            TaskProxy proxy, List<(string Base64, string? Path)> images, string? callbackUrl, int? softId)
        {
            TaskSpec Make(IEnumerable<KeyValuePair<string, object?>> extra, string? path)
            {
                var values = fromObject.Select(v => new TaskValue(v.Key, v.Value, fromObject: true))
                    .Concat(commandLine.Concat(extra).Select(v => new TaskValue(v.Key, v.Value, fromObject: false)))
                    .ToList();
                TaskSpec spec = TaskSpec.Build(type, values, metadata, proxy, ConvertField);
                spec.Path = path;
                spec.CallbackUrl = callbackUrl;
                spec.SoftId = softId;
                return spec;
            }

            TaskTypeRow? row = TaskTypes.FindFirst(type);
            if (images.Count == 0 || row is null)
            {
                return [Make([], null)]; // an unknown type fails there, with the known types
            }
            if (row.ImageField is null)
            {
                string takeImages = string.Join(", ", TaskTypes.Rows.Where(r => r.ImageField is not null).Select(r => r.Name).Distinct(StringComparer.Ordinal));
                throw CapMonsterException.FromModuleError(ModuleErrorId.UnexpectedTaskField, Messages.ImageNotTaken(row.Name, takeImages));
            }
            if (row.ImagesInOneTask)
            {
                string? path = images.Count == 1 ? images[0].Path : null;
                return [Make([new(row.ImageField, images.Select(i => i.Base64).ToArray())], path)];
            }
            return images.Select(image => Make([new(row.ImageField, image.Base64)], image.Path)).ToList();
        }

        /// <summary>A value read from an object, as its parameter would have bound it: 'true' a bool, '4' an int, checked the same way.</summary>
        private static object? ConvertField(string name, object? value)
        {
            string? field = TaskTypes.AnyField(name);
            string parameter = field is null ? name : TaskTypes.ParameterName(field);
            return FieldParameters.TryGetValue(parameter, out PropertyInfo? property)
                ? ConvertParameter(property.Name, value, property.PropertyType, property)
                : value;
        }

        private static object? ConvertParameter(string name, object? value, Type target, PropertyInfo? property)
        {
            Type type = Nullable.GetUnderlyingType(target) ?? target;
            object? converted;
            try
            {
                converted = type == typeof(bool) || type == typeof(SwitchParameter)
                    ? ToBool(value)
                    : LanguagePrimitives.ConvertTo(value, type, CultureInfo.InvariantCulture);
            }
            catch (PSInvalidCastException e)
            {
                throw CapMonsterException.FromModuleError(ModuleErrorId.InvalidTaskField, Messages.BadTaskValue("-" + name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, e.Message), e);
            }
            foreach (ValidateArgumentsAttribute rule in property?.GetCustomAttributes<ValidateArgumentsAttribute>() ?? [])
            {
                string? problem = rule switch
                {
                    ValidateRangeAttribute range when converted is IComparable number
                        && (number.CompareTo(LanguagePrimitives.ConvertTo(range.MinRange, type, CultureInfo.InvariantCulture)) < 0
                            || number.CompareTo(LanguagePrimitives.ConvertTo(range.MaxRange, type, CultureInfo.InvariantCulture)) > 0)
                        => $"{range.MinRange}..{range.MaxRange}",
                    ValidateSetAttribute set when !set.ValidValues.Contains(Convert.ToString(converted, CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase)
                        => string.Join(", ", set.ValidValues),
                    _ => null,
                };
                if (problem is not null)
                {
                    throw CapMonsterException.FromModuleError(ModuleErrorId.InvalidTaskField, Messages.BadTaskValue("-" + name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, problem));
                }
            }
            return converted;
        }

        /// <summary>A CSV cell's 'true', 'false', '1', '0' as a bool (PowerShell would take any non-empty string as true).</summary>
        private static bool ToBool(object? value) => value switch
        {
            bool flag => flag,
            SwitchParameter flag => flag.IsPresent,
            string text when bool.TryParse(text.Trim(), out bool parsed) => parsed,
            string text when text.Trim() is "1" or "0" => text.Trim() == "1",
            string text when text.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Trim().Equals("no", StringComparison.OrdinalIgnoreCase)
                => text.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase),
            IConvertible number and not string => Convert.ToBoolean(number, CultureInfo.InvariantCulture),
            _ => throw new PSInvalidCastException(Localization.Strings.BadBool),
        };

        /// <summary>The type an object names: a type name, or an API type with its class (ComplexImageTask, CustomTask).</summary>
        private static string? ResolveObjectType(string? type, string? taskClass)
        {
            if (type is null || TaskTypes.Find(type).Count > 0 || taskClass is null)
            {
                return type;
            }
            TaskTypeRow row = TaskTypes.ForApiType(type, taskClass);
            return ReferenceEquals(row, TaskTypes.Unknown) ? type : row.Name;
        }

        /// <summary>Whether a name is a field some type requires and takes as "" (Altcha's websiteKey): an empty cell sends "".</summary>
        private bool IsRequiredEmptyField(string name) =>
            (Type is null ? TaskTypes.Rows : TaskTypes.Find(Type)).Any(r => r.AllowEmpty.Any(f => TaskTypes.Means(f, name) && r.Required.Any(q => q.Split('|').Contains(f))));

        private static IEnumerable<KeyValuePair<string, object?>> Entries(object value) => value switch
        {
            IDictionary dictionary => dictionary.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty, e.Value)),
            PSObject { BaseObject: PSCustomObject } custom => custom.Properties.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)),
            _ => throw CapMonsterException.FromModuleError(ModuleErrorId.InvalidTaskField, Messages.BadTaskValue("metadata", Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, "a hashtable or an object is expected")),
        };

        private static string[] Strings(object value) => value is IEnumerable items and not string
            ? items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? string.Empty).ToArray()
            : [Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty];

        /// <summary>The proxy: the input's own (if any), then -Proxy, then the separate parameters and -ProxyCredential over it.</summary>
        private TaskProxy ProxyFromParameters(TaskProxy proxy)
        {
            if (IsBound(nameof(Proxy)))
            {
                proxy = ParseProxy(Proxy!, new TaskProxy());
            }
            proxy.Type = IsBound(nameof(ProxyType)) ? ProxyType : proxy.Type;
            proxy.Address = IsBound(nameof(ProxyAddress)) ? ProxyAddress : proxy.Address;
            proxy.Port = IsBound(nameof(ProxyPort)) ? ProxyPort : proxy.Port;
            proxy.Login = IsBound(nameof(ProxyLogin)) ? ProxyLogin : proxy.Login;
            proxy.Password = IsBound(nameof(ProxyPassword)) ? ProxyPassword : proxy.Password;
            if (ProxyCredential is not null)
            {
                proxy.Login = ProxyCredential.UserName;
                proxy.Password = ProxyCredential.GetNetworkCredential().Password;
            }
            return proxy;
        }

        private static TaskProxy ParseProxy(string text, TaskProxy given)
        {
            TaskProxy parsed = TaskProxy.Parse(text) ?? throw CapMonsterException.FromModuleError(ModuleErrorId.InvalidTaskField, Messages.BadProxyUri(text));
            parsed.Type ??= given.Type;
            return parsed;
        }

        /// <summary>
        /// The images of a task: those of the input (piped bytes, a file, a path, a row's Path column) or those of -Path,
        /// -LiteralPath or -Image, as base64 with their file; given two ways, which is meant is unclear. -Body stays a
        /// field of its own.
        /// </summary>
        private List<(string Base64, string? Path)> Images(List<(string Base64, string? Path)> ofInput)
        {
            int sources = (ofInput.Count > 0 ? 1 : 0) + (Path.Length > 0 ? 1 : 0) + (givenOnCommandLine.Contains(nameof(LiteralPath)) ? 1 : 0)
                + (Image is not null ? 1 : 0) + (IsBound(nameof(Body)) ? 1 : 0);
            if (sources > 1)
            {
                throw CapMonsterException.FromModuleError(ModuleErrorId.InvalidTaskField, Localization.Strings.OneImageSource);
            }
            if (Image is not null)
            {
                return [(Convert.ToBase64String(Image), null)];
            }
            List<(string Base64, string? Path)> images = ReadImages(Path, literal: false);
            images.AddRange(givenOnCommandLine.Contains(nameof(LiteralPath)) ? ReadImages(LiteralPath, literal: true) : []);
            images.AddRange(ofInput);
            return images;
        }

        /// <summary>
        /// Reads image files: wildcards expanded unless <paramref name="literal"/>. A directory, a pattern nothing
        /// matches, a missing file or one over 50,000 bytes (checked before it is read) is an error.
        /// </summary>
        private List<(string Base64, string? Path)> ReadImages(string[] paths, bool literal)
        {
            var images = new List<(string Base64, string? Path)>();
            foreach (string path in paths)
            {
                foreach (string file in Resolve(path, literal))
                {
                    var info = new FileInfo(file);
                    if (Directory.Exists(file))
                    {
                        throw CapMonsterException.FromModuleError(ModuleErrorId.ImageFileNotFound, Messages.PathIsDirectory(path));
                    }
                    try
                    {
                        if (info.Length > TaskSpec.MaxImageBytes)
                        {
                            throw CapMonsterException.FromLocalCheck("ERROR_TOO_BIG_CAPTCHA_FILESIZE", Messages.ImageSize(info.Length));
                        }
                        images.Add((Convert.ToBase64String(File.ReadAllBytes(file)), file));
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
                    {
                        throw CapMonsterException.FromModuleError(ModuleErrorId.ImageFileNotFound, Messages.ImageFileNotFound(path), e);
                    }
                }
            }
            return images;
        }

        private Collection<string> Resolve(string path, bool literal)
        {
            try
            {
                if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
                {
                    return new Collection<string> { SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) };
                }
                Collection<string> files = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
                return files.Count > 0
                    ? files
                    : throw CapMonsterException.FromModuleError(ModuleErrorId.ImageFileNotFound, Messages.NoFileMatches(path));
            }
            catch (Exception e) when (e is ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or NotSupportedException or ArgumentException)
            {
                throw CapMonsterException.FromModuleError(ModuleErrorId.ImageFileNotFound, Messages.NoFileMatches(path), e);
            }
        }

        /// <summary>
        /// Asks ShouldProcess with the JSON that would be sent, key and proxy password redacted. The JSON is built only
        /// when something will show it (-WhatIf, -Confirm, -Verbose): a batch of thousands should not pay for it.
        /// </summary>
        internal bool ShouldCreate(TaskSpec spec) =>
            ShouldProcess(spec.TypeName, Messages.CreateTaskAction(ShowsShouldProcess ? DisplayJson(spec) : spec.ApiType));

        // Base64 images make -WhatIf unreadable: long strings are shortened, with their length.
        private static readonly Regex LongString = new("\"([^\"\\\\]{60})[^\"\\\\]{60,}\"", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>The createTask body as it would go, with *** for the key and the proxy password.</summary>
        private static string DisplayJson(TaskSpec spec)
        {
            using var stream = new MemoryStream();
            // Relaxed escaping: shown to a person, '+' and Cyrillic should read as themselves.
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("clientKey", Redaction.Mask);
                CapMonsterClient.WriteCreateTaskFields(writer, spec.Write, spec.CallbackUrl, spec.SoftId);
                writer.WriteEndObject();
            }
            string json = Redaction.RedactJson(Encoding.UTF8.GetString(stream.ToArray()));
            return LongString.Replace(json, m => $"\"{m.Groups[1].Value}…({m.Length - 2:N0} chars)\"");
        }
    }

    /// <summary>Completes -Type with the friendly names of the task-type table; deprecated ones say so.</summary>
    public sealed class TaskTypeCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = WildcardPattern.Get((wordToComplete ?? string.Empty).Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return TaskTypes.Names.Where(pattern.IsMatch).Select(name =>
            {
                TaskTypeRow row = TaskTypes.Find(name)[0];
                return row.Deprecated
                    ? new CompletionResult(name, Messages.DeprecatedTaskTypeListItem(name), CompletionResultType.ParameterValue, row.ApiType + ": " + Messages.DeprecatedTaskType(name))
                    : new CompletionResult(name, name, CompletionResultType.ParameterValue, row.ApiType);
            });
        }
    }
}
