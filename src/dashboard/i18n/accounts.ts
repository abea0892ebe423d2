// Accounts reached from mail links: invitation, password reset, forgotten password.
import type { AreaMessages } from './languages';

const fr = {
  acctForgotLink: 'Mot de passe oublié ?',
  acctForgotTitle: 'Mot de passe oublié',
  acctForgotIntro:
    "Indiquez l'adresse e-mail de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.",
  acctForgotSubmit: 'Envoyer le lien',
  acctForgotSending: 'Envoi…',
  acctForgotDone:
    "Si un compte actif utilise cette adresse, un lien vient d'y être envoyé. Il ne sert qu'une fois et reste valable 1 heure. Pensez à regarder dans les indésirables.",
  acctForgotThrottled: 'Trop de demandes pour cette adresse. Réessayez dans quelques minutes.',
  acctBackToSignIn: 'Retour à la connexion',
  acctInvitationTitle: 'Bienvenue sur Accords',
  acctInvitationIntro:
    'Choisissez votre mot de passe pour activer votre compte. Vous serez connecté aussitôt après.',
  acctResetTitle: 'Choisir un nouveau mot de passe',
  acctResetIntro:
    'Choisissez un nouveau mot de passe. Vos autres sessions seront fermées et vous serez connecté ici.',
  acctNewPassword: 'Nouveau mot de passe',
  acctConfirmPassword: 'Confirmez le mot de passe',
  acctPasswordHint:
    'Au moins 12 caractères ; une phrase facile à retenir convient très bien. Les mots de passe trop courants sont refusés.',
  acctPasswordsDiffer: 'Les deux mots de passe ne sont pas identiques.',
  acctSetPassword: 'Enregistrer et me connecter',
  acctSaving: 'Enregistrement…',
  acctLinkRefusedTitle: 'Ce lien ne fonctionne plus',
  acctTokenRefused:
    "Ce lien a déjà servi, a été remplacé par un plus récent ou a expiré. Demandez-en un nouveau (ou, pour une invitation, demandez à l'administrateur de vous réinviter).",
  acctRequestNewLink: 'Demander un nouveau lien',
  acctPasswordSet: 'Mot de passe enregistré',
  acctSignInNow: 'Vous pouvez maintenant vous connecter avec votre nouveau mot de passe.',
};

export type AccountsMessages = typeof fr;

export const accounts: AreaMessages<AccountsMessages> = {
  fr,
  en: {
    acctForgotLink: 'Forgot your password?',
    acctForgotTitle: 'Forgotten password',
    acctForgotIntro:
      'Enter the email address of your account: we will send it a link to choose a new password.',
    acctForgotSubmit: 'Send the link',
    acctForgotSending: 'Sending…',
    acctForgotDone:
      'If an active account uses this address, a link is on its way. It works once, for 1 hour. Check your spam folder too.',
    acctForgotThrottled: 'Too many requests for this address. Try again in a few minutes.',
    acctBackToSignIn: 'Back to sign-in',
    acctInvitationTitle: 'Welcome to Accords',
    acctInvitationIntro:
      'Choose your password to activate your account. You will be signed in right after.',
    acctResetTitle: 'Choose a new password',
    acctResetIntro:
      'Choose a new password. Your other sessions will be signed out and you will be signed in here.',
    acctNewPassword: 'New password',
    acctConfirmPassword: 'Confirm the password',
    acctPasswordHint:
      'At least 12 characters; an easy-to-remember sentence works well. Very common passwords are refused.',
    acctPasswordsDiffer: 'The two passwords are not the same.',
    acctSetPassword: 'Save and sign in',
    acctSaving: 'Saving…',
    acctLinkRefusedTitle: 'This link no longer works',
    acctTokenRefused:
      'This link was already used, replaced by a newer one, or has expired. Ask for a new one (for an invitation, ask the administrator to invite you again).',
    acctRequestNewLink: 'Ask for a new link',
    acctPasswordSet: 'Password saved',
    acctSignInNow: 'You can now sign in with your new password.',
  },
  ar: {
    acctForgotLink: 'نسيت كلمة المرور؟',
    acctForgotTitle: 'نسيان كلمة المرور',
    acctForgotIntro: 'أدخل البريد الإلكتروني لحسابك، وسنرسل إليه رابطًا لاختيار كلمة مرور جديدة.',
    acctForgotSubmit: 'إرسال الرابط',
    acctForgotSending: 'جارٍ الإرسال…',
    acctForgotDone:
      'إذا كان هذا العنوان يخص حسابًا نشطًا فقد أُرسل إليه رابط. يُستخدم الرابط مرة واحدة وهو صالح لمدة ساعة واحدة. تحقق من مجلد الرسائل غير المرغوب فيها أيضًا.',
    acctForgotThrottled: 'طلبات كثيرة لهذا العنوان. حاول مجددًا بعد بضع دقائق.',
    acctBackToSignIn: 'العودة إلى تسجيل الدخول',
    acctInvitationTitle: 'مرحبًا بك في Accords',
    acctInvitationIntro: 'اختر كلمة المرور لتفعيل حسابك، وسيُسجَّل دخولك مباشرة بعد ذلك.',
    acctResetTitle: 'اختيار كلمة مرور جديدة',
    acctResetIntro: 'اختر كلمة مرور جديدة. ستُغلق جلساتك الأخرى وسيُسجَّل دخولك هنا.',
    acctNewPassword: 'كلمة المرور الجديدة',
    acctConfirmPassword: 'تأكيد كلمة المرور',
    acctPasswordHint: '12 حرفًا على الأقل؛ وتصلح جملة يسهل تذكرها. تُرفض كلمات المرور الشائعة جدًا.',
    acctPasswordsDiffer: 'كلمتا المرور غير متطابقتين.',
    acctSetPassword: 'حفظ وتسجيل الدخول',
    acctSaving: 'جارٍ الحفظ…',
    acctLinkRefusedTitle: 'لم يعد هذا الرابط صالحًا',
    acctTokenRefused:
      'سبق استخدام هذا الرابط أو استُبدل برابط أحدث أو انتهت صلاحيته. اطلب رابطًا جديدًا (وفي حالة الدعوة، اطلب من المسؤول دعوتك مجددًا).',
    acctRequestNewLink: 'طلب رابط جديد',
    acctPasswordSet: 'حُفظت كلمة المرور',
    acctSignInNow: 'يمكنك الآن تسجيل الدخول بكلمة المرور الجديدة.',
  },
};
