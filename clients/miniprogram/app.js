// The app signs in as soon as it starts (wx.login → signInWithWeChat); every page also asks auth.ensureSignedIn()
// itself, which reuses the token or the sign-in already under way.
const auth = require('./utils/auth')

App({
  onLaunch() {
    auth.ensureSignedIn().catch(() => {
      // the page that needs the token shows the error and offers a retry
    })
  },
})
